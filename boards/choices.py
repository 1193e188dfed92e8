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
