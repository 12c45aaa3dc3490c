"""Which hashtags in lower case are several words run together (#civilservicejobs), and
so read by a screen reader as one long word: the accessibility checks ask it of each tag
(``accessibility._hashtags_in_lower_case``).

A tag is several words when it is made of two or more ``_WORDS``, or is longer than
``_LONGEST_LOWERCASE_TAG`` letters, which one word rarely is."""

import re

_LONGEST_LOWERCASE_TAG = 15

# Words that, run together in lower case, make the tags official accounts use most:
# #civilservicejobs, #mentalhealthweek. Only a tag made wholly of them is flagged, so a
# word missing here lets a tag through rather than flagging a single word.
_WORD_LIST = """
    nhs uk gov hm hmrc dwp
    civil service services servant servants public sector jobs job careers career work
    working workers apprentice apprenticeship apprenticeships graduate scheme
    mental health care social carers nurse nurses doctor doctors hospital
    day days week weeks month year new news update updates live today now
    national international world global local community communities women womens
    men mens children child young people family families school schools education
    skills learning training support help advice money cost living tax pay pension
    pensions benefits energy climate net zero green environment nature water
    flood floods weather safety safe road roads rail transport travel border
    police crime justice court courts army navy defence armed forces veterans
    science research data digital tech technology innovation business small
    trade export exports growth economy budget spending housing home homes
    election elections vote voting register census council parliament government
    open consultation apply recruitment vacancy vacancies interview
    black history pride disability disabled inclusion diversity equality
    stay keep get know your our the and for of in on at to
"""
_WORDS = frozenset(_WORD_LIST.split())
_LONGEST_WORD = max(map(len, _WORDS))


def several_words_in_lower_case(tag: str) -> bool:
    if not tag.islower():
        return False
    # Digits and underscores already show where one word ends: #budget2025, #nhs_jobs.
    parts = re.split(r"[\d_]++", tag)
    return any(len(part) > _LONGEST_LOWERCASE_TAG or _made_of_words(part) for part in parts if part)


def _made_of_words(part: str) -> bool:
    """Whether ``part`` is two or more of ``_WORDS`` run together (linear in its length:
    each prefix is looked at once, against words no longer than the longest)."""
    # made[end]: part[:end] is one or more words.
    made = [False] * (len(part) + 1)
    for end in range(1, len(part) + 1):
        made[end] = any(
            (start == 0 or made[start]) and part[start:end] in _WORDS
            for start in range(max(0, end - _LONGEST_WORD), end)
        )
    return any(
        made[start] and part[start:] in _WORDS
        for start in range(max(1, len(part) - _LONGEST_WORD), len(part))
    )
