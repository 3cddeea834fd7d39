"""Bytes → text: a byte-order mark, else strict UTF-8, else a declared or detected encoding."""

from __future__ import annotations

import codecs
import logging
import re

log = logging.getLogger("graphkit")

# Longest mark first: the UTF-32 LE mark (FF FE 00 00) starts with the UTF-16 LE one (FF FE).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF = 8192  # bytes looked at for NULs and for an HTML charset declaration
_DECLARED = re.compile(
    rb"(?:<meta\b[^>]*?charset|<\?xml\b[^>]*?encoding)\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE
)
_NOT_CHARSETS = frozenset({"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined"})
# As on the web (WHATWG Encoding), these labels mean windows-1252.
_WEB_LABELS = {"ascii": "cp1252", "iso8859-1": "cp1252"}
# The fallback, and the tie-break between equally plausible guesses: the web's default legacy
# encoding, and by far the likeliest for the English news graphkit reads.
_LEGACY = "cp1252"


def decode(source: str, raw: bytes, *, html: bool = False) -> str | None:
    """Return `raw` as text, or None (with a one-line warning) when it is binary.

    A byte-order mark decides; otherwise bytes with a NUL are binary, and the rest are UTF-8
    when they can be, else the encoding an HTML page declares, else the one detected (with a
    warning naming the guess), else Windows-1252 with undecodable bytes replaced.

    >>> decode("x.txt", "Café".encode("utf-16"))
    'Café'
    """
    marked = [(bom, encoding) for bom, encoding in _BOMS if raw.startswith(bom)]
    if marked:
        text = _decode_marked(source, raw, marked)
        binary = "\x00" in text[:_SNIFF]
    else:
        binary = b"\x00" in raw[:_SNIFF]
        text = "" if binary else _decode_unmarked(source, raw, html=html)
    if binary:
        log.warning("%s: binary file (NUL bytes); skipped", source)
        return None
    return text


def _decode_marked(source: str, raw: bytes, marked: list[tuple[bytes, str]]) -> str:
    for bom, encoding in marked:
        try:
            return raw[len(bom) :].decode(encoding)
        except UnicodeDecodeError:
            continue  # FF FE 00 00 is also the UTF-16 mark and a U+0000
    bom, encoding = marked[-1]
    log.warning(
        "%s: not valid %s despite its byte-order mark; undecodable bytes replaced",
        source,
        encoding.upper(),
    )
    return raw[len(bom) :].decode(encoding, errors="replace")


def _decode_unmarked(source: str, raw: bytes, *, html: bool) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_encoding(raw) if html else None
    if declared is not None:
        try:
            text = raw.decode(declared)
        except (LookupError, ValueError):  # not a text codec, or not these bytes' encoding
            pass
        else:
            log.info("%s: read as %s (declared)", source, declared)
            return text
    guessed = _guess_encoding(raw)
    if guessed is None:
        log.warning("%s: not UTF-8; read as %s (no encoding detected)", source, _LEGACY)
        return raw.decode(_LEGACY, errors="replace")
    log.warning("%s: not UTF-8; read as %s (guessed)", source, guessed)
    return raw.decode(guessed, errors="replace")


def _declared_encoding(raw: bytes) -> str | None:
    """Return the Python codec a page's `<meta charset>` or `<?xml encoding>` names, if any.

    >>> _declared_encoding(b'<meta http-equiv="Content-Type" content="text/html; charset=latin1">')
    'cp1252'
    """
    found = _DECLARED.search(raw[:_SNIFF])
    if found is None:
        return None
    try:
        codec = codecs.lookup(found.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None
    name = codec.name
    if not getattr(codec, "_is_text_encoding", True) or name in _NOT_CHARSETS:
        return None  # Python's own codecs (rot13, unicode_escape, ...) name no web charset
    if name.startswith(("utf-16", "utf-32")):
        return None  # as on the web: a page readable enough to declare it is not UTF-16/32
    return _WEB_LABELS.get(name, name)


def _guess_encoding(raw: bytes) -> str | None:
    """Return charset_normalizer's guess, preferring Windows-1252 among the least chaotic reads.

    >>> _guess_encoding("“Quoted” – naïve".encode("cp1252"))
    'cp1252'
    """
    import charset_normalizer  # only non-UTF-8 input needs it

    matches = charset_normalizer.from_bytes(raw)
    best = matches.best()
    if best is None:
        return None
    least_chaotic = [m for m in matches if m.chaos <= best.chaos]
    if any(_LEGACY in m.could_be_from_charset for m in least_chaotic):
        return _LEGACY  # a tie is decided by what the text most likely is, not by list order
    return best.encoding
