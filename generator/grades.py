"""Grade scales: from what a document printed (a number, a word or both) to a checked Grade."""

from __future__ import annotations

from .model import GradeScale, GradeValue


def find_value(scale: GradeScale, grade: int | None, word: str | None) -> tuple[GradeValue | None, str | None]:
    """The scale value a printed grade and/or word stands for, or None with the reason it fits no
    value. A reason that starts with "grade" is about the grade; any other is about the word."""
    by_grade = _by_grade(scale, grade) if grade is not None else None
    if grade is not None and by_grade is None:
        allowed = ", ".join(str(v.grade) for v in scale.values)
        return None, f"grade {grade} is not on the scale '{scale.id}' (its grades are {allowed})"
    by_word = _by_word(scale, word) if word is not None else None
    if word is not None and by_word is None:
        allowed = ", ".join(v.word for v in scale.values)
        return None, f"'{word}' is not a word of the scale '{scale.id}' (its words are {allowed})"
    if by_grade and by_word and by_grade is not by_word:
        return None, (
            f"'{word}' disagrees with grade {grade}: on the scale '{scale.id}' grade {grade} is "
            f"'{by_grade.word}' and '{word}' is grade {by_word.grade}"
        )
    return by_grade or by_word, None


def _by_grade(scale: GradeScale, grade: int) -> GradeValue | None:
    return next((v for v in scale.values if v.grade == grade), None)


def _by_word(scale: GradeScale, word: str) -> GradeValue | None:
    wanted = word.strip().casefold()
    for value in scale.values:
        if wanted in {w.casefold() for w in (value.word, *value.words_printed)}:
            return value
    return None


def scale_for_kind(scales: tuple[GradeScale, ...], kind: str) -> GradeScale | None:
    return next((s for s in scales if kind in s.kinds), None)
