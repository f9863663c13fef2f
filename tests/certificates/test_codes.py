"""Codes: unambiguous alphabet, enough randomness, grouped display, forgiving input."""

import math
import re

import pytest

from certificates.codes import (
    ALPHABET,
    LENGTH,
    RANDOM_LENGTH,
    format_code,
    generate_code,
    normalize_code,
)


def test_the_alphabet_has_no_ambiguous_symbols():
    assert not set("0O1IL") & set(ALPHABET)
    assert len(set(ALPHABET)) == len(ALPHABET) == 31


def test_codes_carry_at_least_sixty_random_bits():
    assert RANDOM_LENGTH * math.log2(len(ALPHABET)) >= 60


def test_generated_codes_are_well_formed_distinct_and_valid():
    codes = {generate_code() for _ in range(3000)}
    assert len(codes) == 3000
    for code in codes:
        assert len(code) == LENGTH and set(code) <= set(ALPHABET)
        assert normalize_code(code) == code
    # Every symbol shows up in every random position: no position is fixed.
    for position in range(RANDOM_LENGTH):
        assert len({code[position] for code in codes}) == len(ALPHABET)


def test_codes_are_shown_in_four_groups_of_four():
    code = generate_code()
    shown = format_code(code)
    assert re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", shown)
    assert shown.replace("-", "") == code


@pytest.mark.parametrize(
    "typed",
    [
        "{shown}",
        "{code}",
        "  {lower}  ",
        "{spaced}",
        "{shown_lower}\n",
        "{en_dash}",
    ],
)
def test_codes_are_accepted_with_or_without_dashes_in_any_case(typed):
    code = generate_code()
    shown = format_code(code)
    value = typed.format(
        shown=shown,
        code=code,
        lower=code.lower(),
        spaced=shown.replace("-", " "),
        shown_lower=shown.lower(),
        en_dash=shown.replace("-", "–"),
    )
    assert normalize_code(value) == code


@pytest.mark.parametrize(
    "typed", ["", None, "ABC", "0" * 16, "I" * 16, "7Q4K-9XZ2-MB3H-WRT", "Ñ" * 16]
)
def test_malformed_codes_are_refused(typed):
    assert normalize_code(typed) is None


def test_every_single_typo_and_every_swap_of_neighbours_is_detected():
    code = generate_code()
    for position in range(LENGTH):
        for symbol in ALPHABET:
            if symbol != code[position]:
                typo = code[:position] + symbol + code[position + 1 :]
                assert normalize_code(typo) is None, typo
    for position in range(LENGTH - 1):
        a, b = code[position], code[position + 1]
        if a != b:
            swapped = code[:position] + b + a + code[position + 2 :]
            assert normalize_code(swapped) is None, swapped
