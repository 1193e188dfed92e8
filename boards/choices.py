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
    # Independent scrutineer (WT2023): keeps the scrutiny plan, findings and a statement on the report.
    SCRUTINEER = "scrutineer", "Independent scrutineer"

    @classmethod
    def needing_agency(cls):
        return [cls.AGENCY_AUTHOR]


class RAG(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    # Work finished: no longer rated.
    COMPLETE = "complete", "Complete"


# --- Performance scorecard, inspections, yearly aggregates (plan/performance) -------------


class Polarity(models.TextChoices):
    # A rising value is good news (e.g. children seen within timescale).
    HIGHER_IS_BETTER = "higher", "Higher is better"
    # A falling value is good news (e.g. repeat referrals).
    LOWER_IS_BETTER = "lower", "Lower is better"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annual"


class IndicatorUnit(models.TextChoices):
    NUMBER = "number", "Number"
    # Values and target must lie between 0 and 100.
    PERCENT = "percent", "Percentage"
    RATE_PER_10K = "rate_10k", "Rate per 10,000 children"


class Inspectorate(models.TextChoices):
    OFSTED = "ofsted", "Ofsted"
    JTAI = "jtai", "Joint targeted area inspection (JTAI)"
    CQC = "cqc", "Care Quality Commission"
    HMICFRS = "hmicfrs", "HM Inspectorate of Constabulary (HMICFRS)"
    HMI_PROBATION = "hmi_probation", "HM Inspectorate of Probation"
    OTHER = "other", "Other"


class Judgement(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement to be good"
    # The scale of Ofsted's inspections before 2013 (and of LSCB reviews until 2018).
    ADEQUATE = "adequate", "Adequate"
    INADEQUATE = "inadequate", "Inadequate"
    # Joint and thematic inspections give findings, not a grade.
    NOT_GRADED = "not_graded", "Not graded (findings only)"


class RecommendationStatus(models.TextChoices):
    # Accepted, work not yet started.
    OPEN = "open", "Open"
    # Work under way.
    IN_PROGRESS = "in_progress", "In progress"
    # Done, with evidence.
    COMPLETE = "complete", "Complete"

    @classmethod
    def outstanding(cls):
        return [cls.OPEN, cls.IN_PROGRESS]


class CdopCategory(models.TextChoices):
    """The ten categories of child death used by child death overview panels."""

    DELIBERATE = "1", "Deliberately inflicted injury, abuse or neglect"
    SUICIDE = "2", "Suicide or deliberate self-inflicted harm"
    TRAUMA = "3", "Trauma and other external factors"
    MALIGNANCY = "4", "Malignancy"
    ACUTE_MEDICAL = "5", "Acute medical or surgical condition"
    CHRONIC_MEDICAL = "6", "Chronic medical condition"
    CHROMOSOMAL = "7", "Chromosomal, genetic and congenital anomalies"
    PERINATAL = "8", "Perinatal or neonatal event"
    INFECTION = "9", "Infection"
    SUDDEN_UNEXPECTED = "10", "Sudden unexpected, unexplained death"


class LadoSector(models.TextChoices):
    EDUCATION = "education", "Education"
    EARLY_YEARS = "early_years", "Early years"
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social_care", "Social care"
    FOSTER_CARE = "foster_care", "Foster carers"
    POLICE = "police", "Police"
    FAITH = "faith", "Faith groups"
    SPORT = "sport", "Sport and leisure"
    TRANSPORT = "transport", "Transport"
    VOLUNTARY = "voluntary", "Voluntary sector"
    OTHER = "other", "Other"


class LadoOutcome(models.TextChoices):
    SUBSTANTIATED = "substantiated", "Substantiated"
    UNSUBSTANTIATED = "unsubstantiated", "Unsubstantiated"
    UNFOUNDED = "unfounded", "Unfounded"
    FALSE = "false", "False"
    MALICIOUS = "malicious", "Malicious"


class LadoTimeliness(models.TextChoices):
    WITHIN_1_MONTH = "1m", "Within 1 month"
    WITHIN_3_MONTHS = "3m", "Within 3 months"
    WITHIN_12_MONTHS = "12m", "Within 12 months"
    OVER_12_MONTHS = "over_12m", "Over 12 months"


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
    # Before 2018 the LSCB chair was appointed by the local authority chief executive (WT2010/2013).
    LA_CHIEF_EXECUTIVE = "la_chief_executive", "Appointed by the local authority chief executive"
    OTHER = "other", "Other"
