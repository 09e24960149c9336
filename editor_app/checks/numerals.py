"""Chinese and Arabic numerals: parsing, formatting, precision.

Strict on purpose: a string that is not a well-formed numeral (三五, 二三十,
十几) parses to ``None``, so a rule never compares with a guessed value.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10**4, "亿": 10**8}
CN_NUM_CHARS = "零〇○一二两三四五六七八九十百千万亿"

AR_NUM = r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?"
CN_NUM = "[零〇一二两三四五六七八九十百千万亿]+"


def _small_cn(s: str) -> int | None:
    """Chinese numeral below 10000 (十, 十二, 二十, 三百零五, 两千)."""
    if not s:
        return 0
    total = 0
    digit: int | None = None
    last_unit = 10**5
    zero_seen = False
    for ch in s:
        if ch in CN_DIGITS:
            v = CN_DIGITS[ch]
            if v == 0:
                if digit is not None:
                    return None
                zero_seen = True
                continue
            if digit is not None:  # two digits in a row: 三五
                return None
            digit = v
        elif ch in CN_UNITS:
            u = CN_UNITS[ch]
            if u >= last_unit:
                return None
            if digit is None:
                if total or zero_seen or u != 10:
                    if not (
                        u == 10 and zero_seen
                    ):  # 一百零十 is malformed; 零十 only after a digit
                        return None
                digit = 1
            total += digit * u
            digit = None
            last_unit = u
            zero_seen = False
        else:
            return None
    if digit is not None:
        total += digit
    return total


def cn_to_int(s: str) -> int | None:
    """Parse a Chinese numeral (一, 十二, 两千零五, 三万五千, 十二亿); None if malformed."""
    if not s:
        return None
    total = 0
    rest = s
    for big_ch, big in (("亿", 10**8), ("万", 10**4)):
        if big_ch in rest:
            head, _, rest = rest.partition(big_ch)
            if big_ch in rest:
                return None
            v = cn_to_int(head) if head else None
            if v is None or v == 0:
                return None
            total += v * big
    if rest.startswith(("零", "〇")):
        rest = rest[1:]
    v = _small_cn(rest)
    if v is None:
        return None
    total += v
    if total == 0 and s not in ("零", "〇", "○"):
        return None
    return total


def cn_digit_string(s: str) -> int | None:
    """Digit-by-digit Chinese numerals (二〇二四) -> 2024."""
    out = 0
    for ch in s:
        if ch not in CN_DIGITS or ch == "两":
            return None
        out = out * 10 + CN_DIGITS[ch]
    return out if s else None


def parse_int(s: str) -> int | None:
    """Arabic or Chinese integer."""
    s = s.strip()
    if not s:
        return None
    if re.fullmatch(r"[0-9]+", s):
        return int(s)
    return cn_to_int(s)


def parse_decimal(s: str) -> Decimal | None:
    """Arabic number with optional thousands commas and decimals."""
    try:
        return Decimal(s.replace(",", ""))
    except (InvalidOperation, ValueError):
        return None


def decimals_of(s: str) -> int:
    """Digits after the decimal point as written."""
    s = s.replace(",", "")
    return len(s.split(".", 1)[1]) if "." in s else 0


def half_unit(s: str) -> float:
    """Half of the last written digit's unit: the rounding tolerance of a figure."""
    return 0.5 * 10 ** (-decimals_of(s))


_CN_SMALL = "零一二三四五六七八九"


def int_to_cn(n: int, liang: bool = False) -> str:
    """0..9999 in Chinese numerals (十二, 二十, 一百零五)."""
    if n < 0 or n > 9999:
        raise ValueError(n)
    if n == 2 and liang:
        return "两"
    if n < 10:
        return _CN_SMALL[n]
    if n < 20:
        return "十" + (_CN_SMALL[n - 10] if n > 10 else "")
    out = ""
    zero = False
    for unit, ch in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit % 10
        if d:
            if zero and out:
                out += "零"
            out += _CN_SMALL[d] + ch
            zero = False
        elif out:
            zero = True
    return out


def format_number(v: float | Decimal) -> str:
    """Shortest plain form: 3000, 1500, 12.5 (no exponent, no trailing zeros)."""
    d = Decimal(str(v)) if not isinstance(v, Decimal) else v
    if d == d.to_integral_value():
        return str(int(d))
    s = format(d.normalize(), "f")
    return s


def same_style(original: str, n: int) -> str:
    """``n`` written like ``original`` (Arabic stays Arabic, Chinese stays Chinese)."""
    if re.fullmatch(r"[0-9]+", original):
        return str(n)
    return int_to_cn(n, liang=("两" in original))


def close(a: float, b: float, tol: float) -> bool:
    return math.isfinite(a) and math.isfinite(b) and abs(a - b) <= tol + 1e-9
