"""What Microsoft Word requires of a DOCX, checked two independent ways.

- :func:`word_findings`: openxml-audit, a port of Microsoft's Open XML SDK validator with the
  ISO/IEC 29500 schemas: every schema and semantic error or warning it reports.
- :func:`reference_findings`: every style a part names exists, and the settings carry the
  attributes the schema requires (two faults version 1 had that the validator above misses).
- :func:`order_findings`: the child sequences of the property elements Word is strictest about,
  typed here from ECMA-376 Part 1 (5th edition, transitional schema ``wml.xsd``), not taken from
  the code under test: an element out of its sequence, repeated, or unknown is a finding.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree
from openxml_audit import FileFormat, OpenXmlValidator

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# ECMA-376 Part 1, §17.3.1.26 CT_PPr (CT_PPrBase, then rPr, sectPr, pPrChange).
PPR = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
    "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()
# §17.3.2.28 CT_RPr (EG_RPrBase, then rPrChange); a paragraph mark's rPr (CT_ParaRPr) starts
# with ins, del, moveFrom, moveTo.
RPR = (
    "ins del moveFrom moveTo rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText "
    "vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange"
).split()
# §17.6.17 CT_SectPr: header and footer references (any number, any order) come first.
SECTPR = (
    "footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType pgNumType cols formProt vAlign noEndnote "
    "titlePg textDirection bidi rtlGutter docGrid printerSettings sectPrChange"
).split()
# §17.4.66 CT_TcPr.
TCPR = (
    "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark "
    "headers cellIns cellDel cellMerge tcPrChange"
).split()
# §17.4.60 CT_TblPr.
TBLPR = (
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing tblInd "
    "tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription tblPrChange"
).split()
SEQUENCES = {"pPr": PPR, "rPr": RPR, "sectPr": SECTPR, "tcPr": TCPR, "tblPr": TBLPR}
# Children that may repeat: the section's header and footer references.
REPEATABLE = {"headerReference", "footerReference"}

_VALIDATOR = OpenXmlValidator(file_format=FileFormat.OFFICE_2019, max_errors=0)


def word_findings(path: Path) -> list[str]:
    """Every error and warning openxml-audit reports, as readable lines (empty: Word opens it)."""
    result = _VALIDATOR.validate(str(path))
    return [f"{e.severity}: {e.description} ({getattr(e, 'part_uri', '')} {getattr(e, 'path', '')})"
            for e in result.errors]  # fmt: skip


def order_findings(path: Path) -> list[str]:
    """Property elements whose children break the ECMA-376 sequence, in every XML part of the file."""
    findings = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not (name.startswith("word/") and name.endswith(".xml")):
                continue
            root = etree.fromstring(archive.read(name))
            for local, sequence in SEQUENCES.items():
                for element in root.iter(f"{{{W}}}{local}"):
                    findings += _check(name, local, sequence, element)
    return findings


def _check(part: str, local: str, sequence: list[str], element: etree._Element) -> list[str]:
    children = [etree.QName(child).localname for child in element if isinstance(child.tag, str)]
    where = f"{part}: {local} [{' '.join(children)}]"
    if local == "sectPr":  # references first, then the sequence
        leading = 0
        while leading < len(children) and children[leading] in REPEATABLE:
            leading += 1
        children = children[leading:]
        if REPEATABLE & set(children):
            return [f"{where}: header or footer reference after other properties"]
    unknown = [c for c in children if c not in sequence]
    if unknown:
        return [f"{where}: not in the sequence: {unknown}"]
    positions = [sequence.index(c) for c in children]
    if len(set(children)) != len(children):
        return [f"{where}: repeated child"]
    if positions != sorted(positions):
        return [f"{where}: out of order"]
    return []


def reference_findings(path: Path) -> list[str]:
    """Style references that name no style, and a zoom without its required percentage."""
    findings = []
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        styles = etree.fromstring(archive.read("word/styles.xml")) if "word/styles.xml" in names else None
        defined = {s.get(f"{{{W}}}styleId") for s in styles.iter(f"{{{W}}}style")} if styles is not None else set()
        for name in sorted(names):
            if not (name.startswith("word/") and name.endswith(".xml")):
                continue
            root = etree.fromstring(archive.read(name))
            for local in ("basedOn", "next", "link", "pStyle", "rStyle", "tblStyle"):
                for element in root.iter(f"{{{W}}}{local}"):
                    if element.get(f"{{{W}}}val") not in defined:
                        findings.append(f"{name}: {local} names a missing style {element.get(f'{{{W}}}val')!r}")
            for zoom in root.iter(f"{{{W}}}zoom"):
                if zoom.get(f"{{{W}}}percent") is None:
                    findings.append(f"{name}: w:zoom without w:percent")
    return findings
