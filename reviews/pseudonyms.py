"""Heuristics that warn when text looks like a real child's identifier.

The system must never knowingly hold a child's real name or date of birth. These checks
cannot prove text is safe; they catch the common slips (a full name typed as the pseudonym,
"DOB 03/04/2015" pasted into a summary) and make the person confirm before saving.
"""

import re

# Pseudonyms as boards write them: "Child A", "Children B and C", "Sibling group D", "Baby E", "Family F".
PSEUDONYM_PATTERN = re.compile(
    r"^(child(ren)?|baby|babies|young person|sibling(s| group)?|family|infant|adult|mother|father|"
    r"review|case|learning review|lcspr|scr)\s+[A-Z0-9]{1,3}(\s*(,|and|&)\s*[A-Z0-9]{1,3})*"
    r"(\s*\(\d{4}\))?$",
    re.IGNORECASE,
)

# Common first names of children and parents in England and Wales (ONS baby names, 1990–2024).
FIRST_NAMES = frozenset(
    [
        "aaliyah",
        "aaron",
        "abdul",
        "abigail",
        "adam",
        "adrian",
        "ahmed",
        "aiden",
        "aisha",
        "alex",
        "alexander",
        "alfie",
        "ali",
        "alice",
        "alicia",
        "amber",
        "amelia",
        "amir",
        "amy",
        "ana",
        "andrew",
        "angel",
        "anna",
        "annabelle",
        "archie",
        "arthur",
        "aryan",
        "ashley",
        "aurora",
        "ava",
        "bailey",
        "beatrice",
        "bella",
        "ben",
        "benjamin",
        "bethany",
        "billy",
        "bobby",
        "bonnie",
        "brandon",
        "brooke",
        "caleb",
        "callum",
        "cameron",
        "caroline",
        "carter",
        "charles",
        "charlie",
        "charlotte",
        "chelsea",
        "chloe",
        "christopher",
        "ciara",
        "connor",
        "courtney",
        "daisy",
        "dakota",
        "daniel",
        "danielle",
        "darcy",
        "david",
        "declan",
        "demi",
        "dexter",
        "dylan",
        "eden",
        "edward",
        "eleanor",
        "elijah",
        "eliza",
        "elizabeth",
        "ella",
        "ellie",
        "elliot",
        "elsie",
        "emily",
        "emma",
        "erin",
        "ethan",
        "eva",
        "evelyn",
        "evie",
        "ezra",
        "faith",
        "fatima",
        "finley",
        "finn",
        "florence",
        "francesca",
        "freddie",
        "freya",
        "gabriel",
        "george",
        "georgia",
        "grace",
        "gracie",
        "hannah",
        "harley",
        "harper",
        "harrison",
        "harry",
        "harvey",
        "hassan",
        "hayden",
        "heidi",
        "henry",
        "holly",
        "hugo",
        "ibrahim",
        "imogen",
        "isaac",
        "isabella",
        "isabelle",
        "isla",
        "ivy",
        "jack",
        "jacob",
        "jade",
        "jake",
        "james",
        "jamie",
        "jasmine",
        "jason",
        "jayden",
        "jenna",
        "jessica",
        "jodie",
        "joe",
        "john",
        "jonathan",
        "jordan",
        "joseph",
        "joshua",
        "jude",
        "julia",
        "kai",
        "karen",
        "katie",
        "kayden",
        "kayla",
        "keira",
        "kian",
        "kyle",
        "layla",
        "leah",
        "leo",
        "leon",
        "lewis",
        "liam",
        "lilly",
        "lily",
        "logan",
        "lola",
        "louie",
        "louis",
        "lucas",
        "lucy",
        "luke",
        "luna",
        "lydia",
        "maisie",
        "maria",
        "mark",
        "martha",
        "mason",
        "matilda",
        "matthew",
        "max",
        "maya",
        "megan",
        "mia",
        "michael",
        "mila",
        "millie",
        "mohammed",
        "mohammad",
        "molly",
        "muhammad",
        "nathan",
        "nicole",
        "niamh",
        "noah",
        "olivia",
        "ollie",
        "omar",
        "oscar",
        "owen",
        "paige",
        "patrick",
        "phoebe",
        "poppy",
        "reggie",
        "reuben",
        "rhys",
        "riley",
        "robert",
        "rory",
        "rosie",
        "ruby",
        "ryan",
        "sam",
        "samuel",
        "sarah",
        "scarlett",
        "sebastian",
        "shannon",
        "sienna",
        "skye",
        "sofia",
        "sophia",
        "sophie",
        "stanley",
        "stephen",
        "summer",
        "tara",
        "taylor",
        "teddy",
        "theo",
        "theodore",
        "thomas",
        "toby",
        "tommy",
        "tyler",
        "victoria",
        "william",
        "willow",
        "yusuf",
        "zac",
        "zachary",
        "zara",
        "zoe",
    ]
)

_DATE = (
    r"\b(\d{1,2}[/.-]\d{1,2}[/.-](\d{2}|\d{4})|\d{4}-\d{2}-\d{2}|"
    r"\d{1,2}(st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{4})\b"
)
DATE_PATTERN = re.compile(_DATE, re.IGNORECASE)
BIRTH_PATTERN = re.compile(
    r"\b(d\.?o\.?b\.?|date of birth|born( on| in)?|birthday)\b[^.;\n]{0,20}" + _DATE, re.IGNORECASE
)
CAPITALISED_PAIR = re.compile(r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+([A-Z][a-z']+(?:-[A-Z][a-z]+)?)\b")

NAME_WARNING = "“{match}” looks like a person's real name."
DOB_WARNING = "“{match}” looks like a date of birth."


def pseudonym_warnings(pseudonym: str) -> list[str]:
    """Warnings for a pseudonym: anything but the usual "Child A" shape is worth a second look."""
    pseudonym = (pseudonym or "").strip()
    if not pseudonym:
        return []
    warnings = []
    if DATE_PATTERN.search(pseudonym):
        warnings.append(DOB_WARNING.format(match=DATE_PATTERN.search(pseudonym).group(0)))
    if not PSEUDONYM_PATTERN.match(pseudonym):
        words = pseudonym.split()
        if len(words) >= 2 or (words and words[0].lower() in FIRST_NAMES):
            warnings.append(NAME_WARNING.format(match=pseudonym))
    return warnings


def text_warnings(text: str) -> list[str]:
    """Warnings for free text: a common first name followed by a surname, or a date next to "born"/"DOB"."""
    text = re.sub(r"<[^>]+>", " ", text or "")
    warnings = []
    for match in BIRTH_PATTERN.finditer(text):
        warnings.append(DOB_WARNING.format(match=match.group(0).strip()))
    for match in CAPITALISED_PAIR.finditer(text):
        if match.group(1).lower() in FIRST_NAMES:
            warnings.append(NAME_WARNING.format(match=match.group(0)))
    return list(dict.fromkeys(warnings))
