from django.db import models


class Arrangement(models.TextChoices):
    # A Local Safeguarding Children Board under Working Together 2013/2015.
    LSCB_WT2015 = "lscb_wt2015", "LSCB (Working Together 2015)"
    # Safeguarding partnership arrangements under Working Together 2018.
    PARTNERSHIP_WT2018 = "partnership_wt2018", "Safeguarding partnership (Working Together 2018)"
    # Safeguarding partnership arrangements under Working Together 2023.
    PARTNERSHIP_WT2023 = "partnership_wt2023", "Safeguarding partnership (Working Together 2023)"


class AgencySector(models.TextChoices):
    CHILDRENS_SERVICES = "childrens_services", "Local authority children's services"
    POLICE = "police", "Police"
    ICB = "icb", "ICB / CCG"
    NHS_TRUST = "nhs_trust", "NHS trust"
    PRIMARY_CARE = "primary_care", "Primary care / GPs"
    NHS_ENGLAND = "nhs_england", "NHS England"
    PROBATION = "probation", "Probation / CRC"
    YOUTH_JUSTICE = "youth_justice", "Youth offending / youth justice"
    EDUCATION = "education", "Education / schools"
    EARLY_YEARS = "early_years", "Early years"
    HOUSING = "housing", "Housing"
    CAFCASS = "cafcass", "Cafcass"
    CUSTODY = "custody", "Prison / youth custody"
    VOLUNTARY = "voluntary", "Voluntary sector"
    LAY = "lay", "Lay members"


class Role(models.TextChoices):
    # Runs the board's business unit: set-up, records, the annual report.
    BUSINESS_MANAGER = "business_manager", "Business manager"
    # Independent chair (or partnership chair): approves the annual report.
    CHAIR = "chair", "Independent chair"
    # Drafts their agency's report section and updates its actions.
    AGENCY_AUTHOR = "agency_author", "Agency author"
    # Chairs a sub-group and keeps its work plan.
    SUBGROUP_CHAIR = "subgroup_chair", "Sub-group chair"
    # Board member: reads.
    MEMBER = "member", "Board member"
    # Lay member: reads.
    LAY_MEMBER = "lay_member", "Lay member"

    @classmethod
    def needing_agency(cls):
        return [cls.AGENCY_AUTHOR]


class RAG(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    # Work finished: no longer rated.
    COMPLETE = "complete", "Complete"


class MeetingType(models.TextChoices):
    # The full board or partnership meeting.
    BOARD = "board", "Board meeting"
    # The executive (lead safeguarding partners / executive group).
    EXECUTIVE = "executive", "Executive meeting"
    # A meeting of one of the board's sub-groups.
    SUBGROUP = "subgroup", "Sub-group meeting"


class AttendanceStatus(models.TextChoices):
    # The agency's member attended.
    PRESENT = "present", "Present"
    # The agency sent a deputy in the member's place (counts as attended).
    DEPUTY_SENT = "deputy_sent", "Deputy sent"
    # Apologies given, nobody attended (counts as not attended).
    APOLOGIES = "apologies", "Apologies"
    # Nobody attended and no apologies were given.
    ABSENT = "absent", "Absent"

    @classmethod
    def attended(cls):
        """Statuses that count towards an agency's attendance rate."""
        return [cls.PRESENT, cls.DEPUTY_SENT]


class SpendCategory(models.TextChoices):
    BUSINESS_UNIT = "business_unit", "Business unit"
    INDEPENDENT_CHAIR = "independent_chair", "Independent chair"
    CHILD_DEATH_REVIEWS = "child_death_reviews", "Child death reviews"
    CASE_REVIEWS = "case_reviews", "Case reviews"
    TRAINING = "training", "Training"
    COMMUNICATIONS = "communications", "Communications"
    OTHER = "other", "Other"


class ChairAppointmentRoute(models.TextChoices):
    OPEN_RECRUITMENT = "open_recruitment", "Open recruitment"
    APPOINTED_BY_PARTNERS = "appointed_by_partners", "Appointed by the safeguarding partners"
    INTERIM = "interim", "Interim appointment"
    REAPPOINTED = "reappointed", "Reappointed for a further term"
    OTHER = "other", "Other"
