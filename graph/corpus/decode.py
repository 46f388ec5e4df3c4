"""Bytes -> text for corpus files: UTF-8 first, BOMs honoured, other encodings detected.

Scraped corpora mix UTF-8 with Windows-1252, Latin-1 and UTF-16 exports; those are
read (and the encoding reported), only bytes no encoding explains are refused.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class NotText(ValueError):
    """The bytes are not text; the message is the reason shown to the user."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "cp1252", "utf_16", ...

    @property
    def converted(self) -> bool:
        """True when the file was not plain UTF-8 (worth a note in reports)."""
        return self.encoding not in ("utf-8", "ascii")


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data`` or raise ``NotText`` with a one-line reason."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise NotText(
                    f"not text: invalid {enc} after its byte-order mark ({exc.reason})"
                ) from None
            if _mostly_control(text):
                raise NotText(f"not text: binary content behind a {enc} byte-order mark")
            return Decoded(text, enc)
    if b"\x00" not in data:  # NUL bytes: UTF-16 without a BOM, or binary
        try:
            return Decoded(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
    return _detect(data)


#: Latin-script news: when charset-normalizer finds these among the encodings that fit,
#: they win over look-alike code pages it may rank first on short texts.
PREFERRED = ("utf_16", "utf_16_le", "utf_16_be", "utf_32", "cp1252", "latin_1", "iso8859_15")


def _detect(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    nul = b"\x00" in data
    if not matches:
        if nul:
            raise NotText("not text: binary content (NUL bytes)")
        raise NotText("not text: bytes that no text encoding explains")
    enc, text = matches[0].encoding, str(matches[0])
    for m in matches:
        fits = [e for e in PREFERRED if e in m.could_be_from_charset]
        if fits:
            enc, text = fits[0], data.decode(fits[0])
            break
    if nul and not enc.startswith(("utf_16", "utf_32")):
        raise NotText("not text: binary content (NUL bytes)")
    if _mostly_control(text):
        raise NotText(f"not text: binary content (decodes as {enc} to control characters)")
    return Decoded(text, enc)


def _mostly_control(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f") or ord(c) >= 0xFFF0)
    return bad > len(sample) * 0.05
