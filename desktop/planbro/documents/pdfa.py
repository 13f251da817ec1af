"""PDF/A-2b parts reportlab does not write itself: XMP metadata with the
pdfaid schema and an sRGB output intent, plus the catalog's language.

The XMP repeats the document information dictionary (title, author,
subject, producer, creator tool, dates) as PDF/A requires them to agree.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFStream,
    PDFStreamFilterZCompress,
    PDFString,
)
from reportlab.pdfgen.canvas import Canvas

# The output intent's colour space: templates/sRGB.icc (LittleCMS's sRGB).
ICC_FILE = "sRGB.icc"
ICC_CONDITION = "sRGB IEC61966-2.1"
# Written as xmp:CreatorTool and the information dictionary's Creator.
CREATOR = "Planbro"

_XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
   <pdf:Producer>{producer}</pdf:Producer>
   <pdf:Keywords></pdf:Keywords>
   <pdf:Trapped>False</pdf:Trapped>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


@cache
def _icc_profile() -> bytes:
    return (resources.files("planbro.templates") / ICC_FILE).read_bytes()


def _xmp_date(timestamp: TimeStamp) -> str:
    # The same instant reportlab writes as CreationDate/ModDate.
    y, mo, d, h, mi, s = timestamp.YMDhms
    sign = "-" if timestamp.dhh < 0 else "+"
    return f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}{sign}{abs(timestamp.dhh):02d}:{timestamp.dmm:02d}"


def make_pdfa(canvas: Canvas, *, title: str, author: str, subject: str, lang: str) -> None:
    """Set metadata and add the PDF/A-2b parts; call before canvas.save()."""
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(subject)
    canvas.setCreator(CREATOR)
    canvas.setKeywords("")
    # The canvas's PDFDocument. Its time stamp and catalog, which PDF/A needs,
    # are internals the stubs do not describe, so the document stays untyped.
    doc: Any = canvas._doc  # type: ignore[attr-defined]  # reportlab's stubs lack Canvas._doc
    xmp = _XMP.format(title=escape(title), author=escape(author), subject=escape(subject),
                      lang=escape(lang), date=_xmp_date(doc._timeStamp), creator=CREATOR,
                      producer=escape(doc.info.producer))
    # Metadata stays uncompressed so archive tools can read it directly.
    metadata = PDFStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
                         xmp.encode("utf-8"), filters=[])
    profile = PDFStream(PDFDictionary({"N": 3}), _icc_profile(), filters=[PDFStreamFilterZCompress()])
    intent = PDFDictionary({
        "Type": PDFName("OutputIntent"), "S": PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": PDFString(ICC_CONDITION), "Info": PDFString(ICC_CONDITION),
        "RegistryName": PDFString("http://www.color.org"),
        "DestOutputProfile": doc.Reference(profile),
    })
    catalog = doc.Catalog
    catalog.Metadata = metadata
    catalog.OutputIntents = PDFArray([intent])
    catalog.Lang = PDFString(lang)
    # The catalog writes only the keys it knows; OutputIntents is not among them.
    catalog.__NoDefault__ = [*type(catalog).__NoDefault__, "OutputIntents"]
