"""Pages of Brazilian legal prose full of ª, º, §, ° and @, and the numbers nothing may change.

Shared by tests/unit/test_legal_symbols.py's reading test and bench/legal_symbols.py: the text
is drawn from templates with numbers, names and dates chosen by a seed, so no two pages are alike.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

SYMBOLS = ("ª", "º", "§", "°", "@")

_CITIES = ("Campinas", "Santos", "Niterói", "Recife", "Curitiba", "Belém", "Osasco", "Londrina")
_MONTHS = ("janeiro", "março", "abril", "maio", "junho", "agosto", "outubro", "dezembro")
_USERS = ("fulano", "cartorio.civel", "sec.3vara", "maria.souza", "protocolo", "gabinete12")
_DOMAINS = ("tjsp.jus.br", "tjrj.jus.br", "trf3.jus.br", "adv.oabsp.org.br", "mpsp.mp.br", "gmail.com")


@dataclass
class LegalPage:
    """A page's lines and the tokens on it that must come out exactly as written."""

    lines: list[str] = field(default_factory=list)
    protected: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def legal_page(seed: int, lines: int = 14, *, held_out: bool = False) -> LegalPage:
    """``lines`` lines of court prose; the numbers in them are drawn from ``seed``.

    ``held_out`` draws from other sentences, which the corrections were not written against:
    how they fare on those tells whether they learned the language or the first sentences.
    """
    rng = random.Random(seed)
    page = LegalPage()

    def money() -> str:
        return f"R$ {rng.randint(1, 99)}.{rng.randint(0, 999):03d},{rng.randint(0, 99):02d}"

    def cpf() -> str:
        d = [rng.randint(0, 9) for _ in range(11)]
        return "{}{}{}.{}{}{}.{}{}{}-{}{}".format(*d)

    def cnpj() -> str:
        return f"{rng.randint(10, 99)}.{rng.randint(100, 999)}.{rng.randint(100, 999)}/0001-{rng.randint(10, 99)}"

    def risky(low: int, high: int) -> int:
        """A number in [low, high], half the time one ending in 2 or 8: what ª and º are misread as."""
        number = rng.randint(low, high)
        if rng.random() < 0.5:
            number = max(low, min(high, number // 10 * 10 + rng.choice((2, 8))))
        return number

    def date() -> str:
        return f"{risky(2, 28)} de {rng.choice(_MONTHS)}"

    def vara() -> tuple[str, list[str]]:
        pages = f"{risky(12, 399)} páginas"
        return f"Distribuído à {rng.randint(1, 9)}ª Vara Cível de {rng.choice(_CITIES)}, com {pages}.", [
            pages
        ]

    def turma() -> tuple[str, list[str]]:
        return (
            f"A {rng.randint(1, 12)}ª Turma negou provimento, art. {rng.randint(1, 9)}º, § {rng.randint(1, 9)}º.",
            [],
        )

    def paragraphs() -> tuple[str, list[str]]:
        first, article = rng.randint(1, 4), f"art. {risky(10, 99)}"
        return f"Nos termos dos §§ {first}º e {first + 1}º do {article}.", [article]

    def grau() -> tuple[str, list[str]]:
        when = date()
        return f"Remetam-se os autos ao {rng.randint(1, 2)}º Grau em {when}.", [when]

    def email() -> tuple[str, list[str]]:
        return f"Contato: {rng.choice(_USERS)}@{rng.choice(_DOMAINS)} para intimações.", []

    def values() -> tuple[str, list[str]]:
        value, person = money(), cpf()
        return f"Valor da causa {value} e CPF {person} do autor.", [value, person]

    def company() -> tuple[str, list[str]]:
        number = cnpj()
        return f"Ré inscrita no CNPJ {number}, conforme a Lei 8.112/90.", [number, "Lei 8.112/90"]

    def camara() -> tuple[str, list[str]]:
        when = date()
        return f"A {rng.randint(1, 9)}ª Câmara julgou em {when} de 2026.", [when]

    def degrees() -> tuple[str, list[str]]:
        return (
            f"O laudo registrou {rng.randint(18, 39)}°C na sala e ângulo de {rng.choice((30, 45, 90))}°.",
            [],
        )

    def witness() -> tuple[str, list[str]]:
        return f"Ouvida a {rng.randint(1, 5)}ª testemunha no {rng.randint(1, 9)}º Ofício de Notas.", []

    def familia() -> tuple[str, list[str]]:
        sheets = f"fls. {risky(10, 99)}/{risky(100, 300)}"
        return f"Juízo da {rng.randint(1, 9)}ª Vara de Família e Sucessões, {sheets}.", [sheets]

    def inciso() -> tuple[str, list[str]]:
        article = f"art. {risky(100, 999)}"
        return f"Conforme o inciso II do § {rng.randint(1, 9)}º do {article} do CPC.", [article]

    def tabelionato() -> tuple[str, list[str]]:
        amount = f"R$ {risky(1, 9)}.{risky(100, 999)},{risky(10, 99)}"
        return f"O {rng.randint(1, 9)}º Tabelionato de Protesto cobrou {amount}.", [amount]

    def regiao() -> tuple[str, list[str]]:
        return (
            f"Tribunal Regional Federal da {rng.randint(1, 5)}ª Região, em {rng.randint(1, 2)}ª instância.",
            [],
        )

    def vez() -> tuple[str, list[str]]:
        hour = f"às {risky(8, 18)}h{rng.choice(('00', '30'))}"
        return f"Intimado pela {rng.randint(1, 3)}ª vez, compareceu {hour}.", [hour]

    def turmas() -> tuple[str, list[str]]:
        first = rng.randint(1, 7)
        return f"Julgaram a {first}ª e a {first + 1}ª Turmas, reunidas em sessão.", []

    def temperatura() -> tuple[str, list[str]]:
        return f"A temperatura máxima foi {risky(20, 40)}°C; a inclinação, {rng.choice((10, 15, 60))}°.", []

    def advocacia() -> tuple[str, list[str]]:
        user = rng.choice(("advocacia.silva", "contato", "jur.santos", "oab123"))
        return f"Escritório: {user}@{rng.choice(('uol.com.br', 'terra.com.br', 'hotmail.com'))}.", []

    def matricula() -> tuple[str, list[str]]:
        number = f"matrícula {risky(10, 99)}.{risky(100, 999)}"
        when = date()
        return f"Imóvel da {number}, registrado em {when}.", [number, when]

    def paragrafos() -> tuple[str, list[str]]:
        return (
            f"Aplicam-se o § {rng.randint(1, 4)}º e o art. {rng.randint(1, 9)}º, inciso {rng.choice('IVX')}.",
            [],
        )

    def endereco() -> tuple[str, list[str]]:
        # Digits before numbers, as § is misread: "8 12" here is an address, not "§ 12".
        block, lot = f"Quadra 8 {risky(10, 40)}", f"Lote 5 {risky(10, 40)}"
        return f"Citada na {block}, {lot}, Setor {rng.randint(1, 9)}.", [block, lot]

    drafted = [vara, turma, paragraphs, grau, email, values, company, camara, degrees, witness, endereco]
    others = [
        familia,
        inciso,
        tabelionato,
        regiao,
        vez,
        turmas,
        temperatura,
        advocacia,
        matricula,
        paragrafos,
        endereco,
    ]
    templates = others if held_out else drafted
    order = list(range(len(templates)))
    while len(page.lines) < lines:
        rng.shuffle(order)
        for k in order[: lines - len(page.lines)]:
            line, keep = templates[k]()
            page.lines.append(line)
            page.protected.extend(keep)
    return page


@dataclass
class SymbolCount:
    """How one symbol came out: ``expected`` in the truth, ``found`` of them read, ``extra`` read
    where the truth had none (a line with more of it than it should)."""

    expected: int = 0
    found: int = 0
    extra: int = 0

    def add(self, truth: str, got: str, symbol: str) -> None:
        want, have = truth.count(symbol), got.count(symbol)
        self.expected += want
        self.found += min(want, have)
        self.extra += max(0, have - want)

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        read = self.found + self.extra
        return self.found / read if read else 1.0


def count_symbols(truth: str, got: str, counts: dict[str, SymbolCount]) -> None:
    """Add one page's symbols to ``counts``, line by line where the lines pair up."""
    want = [line for line in truth.splitlines() if line.strip()]
    have = [line for line in got.splitlines() if line.strip()]
    pairs = list(zip(want, have, strict=True)) if len(want) == len(have) else [(truth, got)]
    for symbol in SYMBOLS:
        for a, b in pairs:
            counts.setdefault(symbol, SymbolCount()).add(a, b, symbol)


def intact(protected: list[str], got: str) -> int:
    """How many of the ``protected`` tokens the text holds exactly."""
    flat = " ".join(got.split())
    return sum(1 for token in protected if token in flat)
