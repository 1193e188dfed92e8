"""The default standards a board starts from, shipped as data (loaded by
services.load_default_library as the board's next version; the board then edits its own copy).

Section 11: the arrangements Working Together 2023 (chapter 2, "Organisational responsibilities")
expects of every agency under s11 of the Children Act 2004. Section 175/157: what Keeping
Children Safe in Education expects of schools and colleges under s175/s157 of the Education Act
2002. Codes are stable across versions and boards, so answers carry forward and are shared by them.
"""

from assurance.choices import LibraryKind

DEFAULTS = {
    LibraryKind.SECTION_11: {
        "title": "Section 11 standards",
        "standards": [
            (
                "S11-1",
                "Senior management commitment to safeguarding and promoting children's welfare",
                "A named board-level lead for safeguarding; safeguarding is in the organisation's strategy, "
                "business plan and risk register.",
                "Board or executive minutes showing safeguarding reports\nThe named senior lead's role description",
            ),
            (
                "S11-2",
                "A clear statement of the agency's responsibilities towards children, available to all staff",
                "A safeguarding policy in line with the partnership's procedures, reviewed at least every three "
                "years and known to staff.",
                "The safeguarding policy and its review date\nHow staff are told of changes",
            ),
            (
                "S11-3",
                "A clear line of accountability for safeguarding, including in commissioned services",
                "Contracts and service level agreements require s11 compliance; the agency checks it.",
                "Contract clauses\nAssurance reports from commissioned providers",
            ),
            (
                "S11-4",
                "Services developed with children's needs in mind and informed by the views of children and families",
                "The voice of the child is sought and used; feedback changes services.",
                'Examples of "you said, we did"\nConsultation reports',
            ),
            (
                "S11-5",
                "Safeguarding training, supervision and support for all staff who work with children",
                "A training needs analysis, levels of training by role, and regular reflective supervision.",
                "Training compliance figures by level\nSupervision policy and audit",
            ),
            (
                "S11-6",
                "Safer recruitment, including DBS checks and references",
                "Recruitment follows safer recruitment practice; at least one person on every panel is trained.",
                "Recruitment audit results\nSingle central record or equivalent",
            ),
            (
                "S11-7",
                "Allegations against people who work with children are dealt with and referred to the LADO",
                "A named senior officer; a policy in line with the partnership's procedures.",
                "Referrals to the LADO in the year\nThe allegations policy",
            ),
            (
                "S11-8",
                "Effective multi-agency working and information sharing",
                "Staff know how to share information and escalate concerns; the agency attends the partnership's "
                "meetings and contributes to reviews.",
                "Information sharing agreement\nEscalation cases and their outcome",
            ),
        ],
    },
    LibraryKind.SECTION_175: {
        "title": "Section 175/157 standards for schools and colleges",
        "standards": [
            (
                "S175-1",
                "A designated safeguarding lead with the time, training and authority for the role",
                "A DSL on the leadership team, trained every two years, with deputies.",
                "DSL training certificates\nJob description",
            ),
            (
                "S175-2",
                "A child protection policy in line with Keeping Children Safe in Education and the partnership",
                "Reviewed every year, published on the website, known to staff and governors.",
                "The policy and the governors' minute approving it",
            ),
            (
                "S175-3",
                "Every member of staff trained and reading Part one of Keeping Children Safe in Education",
                "Induction and yearly updates; records kept.",
                "Training log\nStaff declarations",
            ),
            (
                "S175-4",
                "Safer recruitment and a complete single central record",
                "At least one panel member trained; every check recorded.",
                "Single central record audit",
            ),
            (
                "S175-5",
                "Online safety: filtering, monitoring and teaching",
                "Filtering and monitoring meet the DfE standards and are reviewed each year.",
                "Filtering and monitoring review\nCurriculum map",
            ),
            (
                "S175-6",
                "Governors' oversight of safeguarding",
                "A named safeguarding governor; a yearly report to the governing body.",
                "Governors' minutes\nThe yearly safeguarding report",
            ),
            (
                "S175-7",
                "Pupils' voice and a curriculum that teaches them to keep safe",
                "Pupils know whom to tell; relationships and sex education in place.",
                "Pupil survey results\nRSHE plan",
            ),
        ],
    },
}
