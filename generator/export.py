"""Open data built with the site: judgements.csv, one row per judgement."""

from __future__ import annotations

import csv
import io

from .index import Corpus

JUDGEMENT_COLUMNS = ("council", "document", "date", "section", "area", "grade", "scale", "label")


def judgements_csv(corpus: Corpus) -> str:
    """Judgements of transcribed documents, then those reported of documents not transcribed."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(JUDGEMENT_COLUMNS)
    for document in sorted(corpus.documents, key=lambda d: (d.council, d.date, d.id)):
        for judgement in document.judgements:
            grade = judgement.grade
            writer.writerow((
                document.council, document.id, document.date.isoformat(), judgement.section, judgement.area,
                "" if grade.printed_grade is None else grade.printed_grade, grade.scale.id, grade.value.label.value,
            ))
    for council in corpus.councils:
        for referenced in sorted(council.referenced_documents, key=lambda r: (r.date.earliest(), r.id)):
            for judgement in referenced.judgements:
                grade = judgement.grade
                writer.writerow((
                    council.id, referenced.id, referenced.date.iso(), referenced.kind.name, judgement.area,
                    "" if grade.printed_grade is None else grade.printed_grade, grade.scale.id, grade.value.label.value,
                ))
    return out.getvalue()
