"""Text layers, real and garbage, for the plausibility tests: pages of Portuguese legal prose and of
English prose written for Scriba, pages of names, figures and tables, and the kinds of garbage
that PDFs carry (turned-over text, random letters, mojibake, Private Use, replacement marks,
glyph codes taken for letters). Garbage is made from the real pages, so it has their shape.
"""

from __future__ import annotations

import random

PT_PROSE = [
    """PODER JUDICIÁRIO
TRIBUNAL DE JUSTIÇA DO ESTADO DE SÃO PAULO
Comarca de Campinas - 3ª Vara Cível
Processo nº 1012345-67.2023.8.26.0114
Classe: Procedimento Comum Cível - Assunto: Indenização por Dano Moral
Requerente: Maria Aparecida dos Santos
Requerido: Banco Exemplo S/A
SENTENÇA
Vistos. Trata-se de ação de indenização por danos morais e materiais proposta por Maria
Aparecida dos Santos em face de Banco Exemplo S/A, alegando, em síntese, que teve seu nome
inscrito indevidamente nos cadastros de proteção ao crédito por dívida que desconhece. Requereu
a concessão de tutela de urgência para a exclusão do apontamento e, ao final, a condenação do
réu ao pagamento de indenização. Juntou documentos. A tutela foi deferida. Citado, o réu
apresentou contestação, arguindo preliminar de ilegitimidade e, no mérito, sustentando a
regularidade da contratação. Houve réplica. É o relatório. Fundamento e decido.""",
    """O feito comporta julgamento antecipado, nos termos do artigo 355, inciso I, do Código de
Processo Civil, pois a matéria é de direito e de fato, e os documentos juntados bastam para a
solução da lide. Afasto a preliminar arguida, uma vez que a legitimidade das partes deve ser
aferida à luz das alegações da petição inicial. No mérito, o pedido é procedente. Cabia ao réu
comprovar a existência da relação jurídica que deu origem ao débito, ônus do qual não se
desincumbiu, pois não trouxe aos autos o contrato supostamente assinado pela autora nem qualquer
outro documento capaz de demonstrar a contratação. A inscrição indevida do nome do consumidor
em cadastro de inadimplentes gera, por si só, o dever de indenizar, sendo o dano presumido.
Considerando a extensão do dano, a capacidade econômica das partes e o caráter pedagógico da
condenação, fixo a indenização em R$ 10.000,00 (dez mil reais), com correção monetária a partir
desta data e juros de mora de um por cento ao mês desde a citação.""",
    """Ante o exposto, JULGO PROCEDENTE o pedido, com resolução do mérito, nos termos do artigo 487,
inciso I, do Código de Processo Civil, para declarar a inexistência do débito, tornar definitiva
a tutela de urgência concedida e condenar o réu ao pagamento da indenização acima fixada. Em razão
da sucumbência, condeno o réu ao pagamento das custas e despesas processuais, bem como dos
honorários advocatícios, que fixo em quinze por cento do valor atualizado da condenação.
Publique-se. Registre-se. Intimem-se. Após o trânsito em julgado, arquivem-se os autos.
Campinas, 14 de março de 2024.
Juiz de Direito
Documento assinado digitalmente conforme a lei, podendo ser conferido no sítio do tribunal
mediante o código de validação informado abaixo.""",
    """CERTIDÃO DE INTIMAÇÃO
Certifico e dou fé que, em cumprimento ao mandado expedido nos autos do processo em epígrafe,
dirigi-me ao endereço indicado e, sendo aí, procedi à intimação do executado, que ciente ficou
de todo o conteúdo do mandado, exarou sua nota de ciente e recebeu a contrafé que lhe ofereci.
O executado informou que pretende apresentar proposta de acordo na próxima audiência, e que
já constituiu advogado para acompanhar o processo. Nada mais havendo, lavrei a presente
certidão, que vai por mim assinada. O referido é verdade e dou fé.
Oficial de Justiça
Excelentíssimo Senhor Doutor Juiz de Direito da Vara do Trabalho
A reclamante, por seu advogado que esta subscreve, vem respeitosamente à presença de Vossa
Excelência requerer a juntada do comprovante de pagamento das custas e a designação de nova
data para a audiência de instrução, tendo em vista que a testemunha arrolada não pôde
comparecer por motivo de saúde, conforme atestado médico anexo. Termos em que pede deferimento.""",
]

EN_PROSE = [
    """UNITED STATES DISTRICT COURT
The plaintiff filed this action seeking damages for breach of contract and for the unpaid
balance of several invoices issued between January and June. The defendant moved to dismiss,
arguing that the agreement had been terminated before the goods were delivered and that the
plaintiff failed to give the notice required by the contract. For the reasons that follow, the
motion is denied. The complaint alleges that the parties signed a supply agreement under which
the plaintiff would deliver parts each month and the defendant would pay within thirty days of
each invoice. It further alleges that the defendant accepted every delivery without objection,
kept the goods, and only raised the question of termination after it was asked to pay.""",
    """Dear Mr. Thompson,
Thank you for your letter of March 3 regarding the renewal of the lease for the office space on
the second floor. We have reviewed the terms you proposed and are pleased to accept most of
them. However, we would like to discuss the annual increase in the rent, which seems higher than
the rate agreed for the other tenants in the building. We would also ask that the landlord take
responsibility for the repair of the heating system before the start of the new term, as the
inspection report attached to this letter shows that the work is needed. Please let us know
when you would be available for a meeting next week. We look forward to hearing from you.
Sincerely,
Office Manager""",
    """The quick brown fox jumps over the lazy dog while the committee reviews its annual report.
Members of the board met on Tuesday to approve the budget for the next financial year. The
director explained that the costs of the project had risen because of delays in the delivery of
equipment, and that the department would need additional staff to finish the work on time. After
a long discussion the members agreed to support the plan, provided that a progress report is
sent to the board every month and that any further change in the schedule is approved in
advance. The meeting ended with a vote of thanks to the employees who had prepared the review.""",
]

MIXED = [
    """PLANILHA DE CÁLCULOS - ATUALIZAÇÃO DO DÉBITO
Credor: Antônio Carlos Ferreira Júnior CPF 123.456.789-09
Devedor: Construtora Horizonte Ltda. CNPJ 12.345.678/0001-95
Endereço: Rua Dr. Quirino, 1580, apto 42, Centro, Campinas/SP, CEP 13015-082
Parcela   Vencimento   Valor original   Correção   Juros   Total
01        10/01/2023   R$ 1.234,56      R$ 98,12   R$ 148,15   R$ 1.480,83
02        10/02/2023   R$ 1.234,56      R$ 87,40   R$ 135,80   R$ 1.457,76
03        10/03/2023   R$ 1.234,56      R$ 75,03   R$ 123,46   R$ 1.433,05
Subtotal: R$ 4.371,64 Multa (10%): R$ 437,16 Honorários (10%): R$ 480,88
Total devido em 30/04/2024: R$ 5.289,68
Campinas, 30 de abril de 2024.""",
    """TERMO DE AUDIÊNCIA
Processo: 0001234-56.2024.5.15.0001 Reclamante: José Roberto Nascimento Silva
Reclamada: Transportes Rápido Oeste Eireli Juiz: Dr. Fábio Henrique Moraes
Presentes: reclamante acompanhado do advogado Dr. Marcelo Tavares (OAB/SP 123.456);
reclamada representada por sua preposta Sra. Luciana Pereira Gomes (RG 12.345.678-9 SSP/SP).
Conciliação: as partes celebram acordo no valor de R$ 12.500,00, em 5 parcelas de R$ 2.500,00,
vencendo a primeira em 15/05/2024, mediante depósito na conta 12345-6, agência 0789, Banco do
Brasil. Multa de 50% em caso de atraso. Custas de R$ 250,00 pela reclamada. Homologo o acordo.
Cientes as partes. Nada mais. Audiência encerrada às 14h35.""",
    """INVOICE No. 2024-0815 Date: 04/22/2024 Due: 05/22/2024
Bill to: Northwind Traders Inc., 1200 Harbor Blvd, Suite 400, Oakland, CA 94607, USA
Item    Description                    Qty   Unit price   Amount
A-102   Steel brackets, 40 mm          250   $1.20        $300.00
B-220   Hex bolts M8 x 30, zinc        1000  $0.08        $80.00
C-015   Freight and handling           1     $45.00       $45.00
Subtotal $425.00  Tax (8.25%) $35.06  Total due $460.06
Payment by wire transfer to account 0012345678, routing 121000358, within 30 days.
Questions about this invoice: billing@example.com, phone (510) 555-0134.""",
    """QUADRO GERAL DE CREDORES - Recuperação Judicial nº 5001234-11.2023.8.21.0001
Classe I - Trabalhistas
Sebastião Gonçalves Ribeiro          CPF 321.654.987-00      R$ 15.230,00
Francisca Helena Albuquerque Lima    CPF 987.123.456-71      R$ 8.915,42
Wellington Kauã Bittencourt Rocha    CPF 456.789.123-55      R$ 22.004,17
Classe III - Quirografários
Metalúrgica Schneider & Filhos Ltda. CNPJ 98.765.432/0001-10 R$ 187.340,90
Agropecuária Três Coqueiros S/A      CNPJ 11.222.333/0001-81 R$ 94.118,03
Distribuidora Itaquaquecetuba Eireli CNPJ 45.678.901/0001-23 R$ 12.760,55
Zhang Wei Importação e Exportação    CNPJ 23.456.789/0001-04 R$ 3.402,12
Av. Borges de Medeiros, 1945, 12º andar, sala 1203, Porto Alegre/RS, CEP 90110-150
Total da Classe I: R$ 46.149,59 - Total da Classe III: R$ 297.621,60""",
]

REAL = {
    **{f"pt-{i}": text for i, text in enumerate(PT_PROSE)},
    **{f"en-{i}": text for i, text in enumerate(EN_PROSE)},
    **{f"mixed-{i}": text for i, text in enumerate(MIXED)},
}

_TURNED = dict(
    zip(
        "abcdefghijklmnopqrtuvwyABCDEFGJLMPRTUVWY.,'!?",
        "ɐqɔpǝɟƃɥᴉɾʞlɯuodbɹʇnʌʍʎ∀qƆpƎℲ⅁ſ⅂WԀᴚ⊥∩ΛMʎ˙'`¡¿",
        strict=True,
    )
)


def turned_over(text: str) -> str:
    """``text`` as 'upside-down text' spells it: letters turned, read backwards (``ɐpɐɹ``)."""
    return "\n".join(
        "".join(_TURNED.get(ch, ch) for ch in reversed(line)) for line in reversed(text.splitlines())
    )


def random_letters(text: str, seed: int) -> str:
    """Letters at random in the shape of ``text``: its words' lengths, capitals and punctuation."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyzáéíóãçõ"
    out = []
    for ch in text:
        if ch.isalpha():
            new = rng.choice(letters)
            out.append(new.upper() if ch.isupper() else new)
        else:
            out.append(ch)
    return "".join(out)


def mojibake(text: str) -> str:
    """UTF-8 ``text`` decoded as cp1252, as a file read with the wrong character set shows it."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


def private_use(text: str) -> str:
    """``text`` as a font with no Unicode map gives it: each letter a Private Use code point."""
    return "".join(chr(0xE000 + ord(ch)) if ch.isalpha() else ch for ch in text)


def replacement_marks(text: str, seed: int) -> str:
    """Every third letter lost to U+FFFD, as a layer whose font maps only some glyphs."""
    rng = random.Random(seed)
    return "".join("\ufffd" if ch.isalpha() and rng.random() < 0.34 else ch for ch in text)


def glyph_codes(text: str, shift: int = 29) -> str:
    """Glyph numbers taken for character codes (a subset font without a Unicode map): every
    character moved by the same amount, so ``Processo`` comes out as ``3URFHVVR``."""
    return "".join(chr(ord(ch) - shift) if ch.isalpha() and ord(ch) - shift > 32 else ch for ch in text)


def garbage(seed: int = 0) -> dict[str, str]:
    """Every kind of garbage, made from every real page."""
    kinds: dict[str, str] = {}
    for name, text in REAL.items():
        kinds[f"turned-over {name}"] = turned_over(text)
        kinds[f"random letters {name}"] = random_letters(text, seed + len(kinds))
        if mojibake(text) != text:  # English pages have no accents to spoil
            kinds[f"mojibake {name}"] = mojibake(text)
        kinds[f"private use {name}"] = private_use(text)
        kinds[f"replacement marks {name}"] = replacement_marks(text, seed + len(kinds))
        kinds[f"glyph codes {name}"] = glyph_codes(text)
    return kinds
