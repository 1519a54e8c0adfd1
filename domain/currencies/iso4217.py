"""ISO 4217 currencies and their minor units (§12): what "to cents" means per currency (pure)."""

from __future__ import annotations

from decimal import Decimal

from domain.money import round_half_up

# Active ISO 4217 codes by the number of decimals their amounts carry. The two units of
# account with 4 (CLF, UYW) are left out: amount columns keep 3 decimals, so they are refused.
_BY_MINOR_UNITS: dict[int, str] = {
    0: "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF",
    2: (
        "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN "
        "BWP BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN "
        "ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES "
        "KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK "
        "MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR "
        "SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD "
        "TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG ZWL"
    ),
    3: "BHD IQD JOD KWD LYD OMR TND",
}

MINOR_UNITS: dict[str, int] = {
    code: places for places, codes in _BY_MINOR_UNITS.items() for code in codes.split()
}

# The most decimals an amount column keeps (KWD, BHD…).
MAX_MINOR_UNITS = max(MINOR_UNITS.values())


def is_known(code: str | None) -> bool:
    """Whether `code` is an ISO 4217 currency of the table."""
    return code is not None and code in MINOR_UNITS


def minor_units(code: str) -> int:
    """Decimals of an amount in `code`: JPY 0, USD and EUR 2, KWD 3. Unknown codes are
    refused where they enter (accounts, price lists, rates); here they count as 2."""
    return MINOR_UNITS.get(code, 2)


def round_amount(value: Decimal, code: str) -> Decimal:
    """The one rounding rule (§5.4, §12): half-up to the currency's minor units."""
    return round_half_up(Decimal(value), minor_units(code))


def fits(value: Decimal, code: str) -> bool:
    """Whether `value` has no more decimals than `code` carries."""
    return round_amount(value, code) == Decimal(value)
