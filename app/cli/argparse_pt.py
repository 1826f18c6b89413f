"""argparse's own words in Portuguese: "uso:", "argumentos posicionais", "mostra esta ajuda e sai".

argparse looks its words up through ``gettext`` (its module-level ``_`` and ``ngettext``) at
the moment it uses them. Python ships no catalog for them, and a ``.mo`` file in the ``messages``
domain would answer for every library in the process; so under a Portuguese locale ``use``
points argparse's two look-ups at this table instead. Only ``scriba``'s own process does it,
before it builds its parsers. A message missing here (a newer Python's) stays English.
"""

from __future__ import annotations

import argparse

#: argparse's messages (Python 3.11-3.13) and their Portuguese.
MESSAGES = {
    "usage: ": "uso: ",
    "positional arguments": "argumentos posicionais",
    "options": "opções",
    "optional arguments": "opções",
    "show this help message and exit": "mostra esta ajuda e sai",
    "show program's version number and exit": "mostra a versão do programa e sai",
    "%(prog)s: error: %(message)s\n": "%(prog)s: erro: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "os seguintes argumentos são obrigatórios: %s",
    "one of the arguments %s is required": "um dos argumentos %s é obrigatório",
    "unrecognized arguments: %s": "argumentos não reconhecidos: %s",
    "not allowed with argument %s": "não permitido com o argumento %s",
    "ignored explicit argument %r": "argumento explícito ignorado: %r",
    "expected one argument": "esperava um argumento",
    "expected at most one argument": "esperava no máximo um argumento",
    "expected at least one argument": "esperava ao menos um argumento",
    "ambiguous option: %(option)s could match %(matches)s": (
        "opção ambígua: %(option)s pode ser %(matches)s"
    ),
    "unexpected option string: %s": "opção inesperada: %s",
    "invalid %(type)s value: %(value)r": "valor %(type)s inválido: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "opção inválida: %(value)r (escolha entre %(choices)s)",
    "%r is not callable": "%r não é chamável",
    "can't open '%(filename)s': %(error)s": "não é possível abrir '%(filename)s': %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "subcomando desconhecido %(parser_name)r (opções: %(choices)s)"
    ),
    "subcommands": "subcomandos",
}

#: The messages with a plural form: (singular, plural) -> (singular, plural) in Portuguese.
PLURALS = {
    ("expected %s argument", "expected %s arguments"): ("esperava %s argumento", "esperava %s argumentos"),
}


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    one, many = PLURALS.get((singular, plural), (singular, plural))
    return one if n == 1 else many


def use() -> None:
    """argparse speaks Portuguese from now on, in this process."""
    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
