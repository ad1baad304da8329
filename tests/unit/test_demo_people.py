"""The demo people generator: reproducible, realistic, and valid under the counter's rules."""

from __future__ import annotations

import random
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from datetime import date, timedelta

import phonenumbers
import pytest

from agent_app.domain.claims import ClaimRules, validate_claim
from agent_app.domain.dates import add_months, age_on
from agent_app.domain.enrolment import EnrolmentRules, validate_enrolment
from agent_app.domain.model import (
    CareCategory,
    CareType,
    ChecklistItem,
    ClaimDraft,
    DependentRelationship,
    EnrolmentDraft,
    FormType,
    Relationship,
    Sex,
)
from agent_app.domain.problems import errors
from agent_app.services.demo_people import (
    CITIES,
    FAMILY_NAMES,
    FIRST_NAMES_FEMALE,
    FIRST_NAMES_MALE,
    MOBILE_PREFIXES_6,
    MOBILE_PREFIXES_7,
    TNS_CATEGORIES,
    TNS_CATEGORY_CODES,
    DemoPeople,
)

TODAY = date(2026, 3, 15)
CIN_SHAPE = re.compile(r"[A-Z]{1,2}[0-9]{5,6}")
NINE_DIGITS = re.compile(r"[0-9]{9}")
LATIN_NAME = re.compile(r"[A-Z]+(?:[ '-][A-Z]+)*")
N_CLAIMS = 2_000
N_ENROLMENTS = 600


def deposit_day(i: int) -> date:
    """Deposits spread over the past year, as the demo store lays them out."""
    return TODAY - timedelta(days=i % 365)


@pytest.fixture(scope="module")
def claims() -> list[tuple[date, ClaimDraft]]:
    people = DemoPeople(random.Random(20260315), TODAY)
    return [(deposit_day(i), people.claim(deposit_day(i))) for i in range(N_CLAIMS)]


@pytest.fixture(scope="module")
def enrolments() -> list[EnrolmentDraft]:
    people = DemoPeople(random.Random(4242), TODAY)
    return [people.enrolment(TODAY) for _ in range(N_ENROLMENTS)]


# --- reproducibility ---------------------------------------------------------------------


def test_same_seed_and_today_give_the_same_sequence() -> None:
    def draw(people: DemoPeople) -> list[object]:
        out: list[object] = []
        for i in range(300):
            out.append(people.claim(deposit_day(i)))
            if i % 10 == 0:
                out.append(people.enrolment(TODAY))
        return out

    assert draw(DemoPeople(random.Random(7), TODAY)) == draw(DemoPeople(random.Random(7), TODAY))
    assert draw(DemoPeople(7, TODAY)) == draw(DemoPeople(random.Random(7), TODAY))


def test_another_seed_gives_other_people() -> None:
    first = [DemoPeople(1, TODAY).claim(TODAY) for _ in range(20)]
    second = [DemoPeople(2, TODAY).claim(TODAY) for _ in range(20)]
    assert first != second


# --- claims ------------------------------------------------------------------------------


def test_every_claim_has_well_formed_identifiers(claims: list[tuple[date, ClaimDraft]]) -> None:
    for _, claim in claims:
        assert NINE_DIGITS.fullmatch(claim.insured_immatriculation)
        assert claim.insured_cin is not None
        assert len(claim.insured_cin) <= 8 and CIN_SHAPE.fullmatch(claim.insured_cin)
        if claim.beneficiary_cin is not None:
            assert len(claim.beneficiary_cin) <= 8 and CIN_SHAPE.fullmatch(claim.beneficiary_cin)
        assert NINE_DIGITS.fullmatch(claim.prescriber_inpe)
        assert claim.facility_inpe is None or NINE_DIGITS.fullmatch(claim.facility_inpe)
        assert claim.fse_number is None or re.fullmatch(r"FSE[0-9]{12}", claim.fse_number)
        assert LATIN_NAME.fullmatch(claim.insured_name)
        assert LATIN_NAME.fullmatch(claim.beneficiary_name)
        assert len(claim.insured_name.split()) >= 2


def test_every_claim_is_deposited_in_time(claims: list[tuple[date, ClaimDraft]]) -> None:
    for day, claim in claims:
        first, end = claim.first_act_date, claim.end_of_treatment_date
        assert first < day
        if end is None:
            assert (day - first).days <= 50
            assert day <= add_months(first, 2)
        else:
            assert claim.form_type is FormType.ALD
            assert first <= end < day
            assert (day - end).days <= 50


def test_every_claim_declares_a_plausible_amount_and_paperwork(
    claims: list[tuple[date, ClaimDraft]],
) -> None:
    for _, claim in claims:
        assert 5_000 <= claim.declared_amount_centimes <= 2_000_000  # 50 to 20,000 MAD
        assert 0 < claim.declared_amount_centimes <= 10_000_000
        assert len(claim.care_categories) <= claim.document_count <= 8
        assert claim.checklist == frozenset(ChecklistItem)


def test_care_fits_the_form_and_the_patient(claims: list[tuple[date, ClaimDraft]]) -> None:
    for _, claim in claims:
        dental = CareCategory.DENTAL in claim.care_categories
        assert dental == (claim.form_type is FormType.DENTAL)
        if claim.care_type is CareType.MATERNITY:
            assert claim.beneficiary_sex is Sex.FEMALE
            assert claim.beneficiary_relationship is not Relationship.CHILD
            assert claim.form_type is FormType.GENERAL
        if claim.care_type is CareType.HOSPITALISATION:
            assert CareCategory.HOSPITALISATION in claim.care_categories


def test_beneficiaries_are_consistent_with_their_relationship(
    claims: list[tuple[date, ClaimDraft]],
) -> None:
    for day, claim in claims:
        birth = claim.beneficiary_birth_date
        assert birth is not None and claim.beneficiary_sex is not None
        assert birth <= claim.first_act_date
        age = age_on(birth, day)
        relationship = claim.beneficiary_relationship
        if relationship is Relationship.SELF:
            assert claim.beneficiary_name == claim.insured_name
            assert claim.beneficiary_cin == claim.insured_cin
            assert 18 <= age <= 81
        elif relationship is Relationship.SPOUSE:
            assert claim.beneficiary_cin not in (None, claim.insured_cin)
            assert 18 <= age <= 86
        else:
            assert age <= 25
            assert claim.beneficiary_cin != claim.insured_cin
            # Ages are anchored at TODAY: a child of 18 now may have been 17 at a deposit.
            assert claim.beneficiary_cin is None or age >= 17


def test_a_household_is_the_same_family_every_time(claims: list[tuple[date, ClaimDraft]]) -> None:
    insured: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
    spouses: dict[str, set[tuple[str, date | None, Sex | None]]] = defaultdict(set)
    children: dict[str, dict[str, set[date | None]]] = defaultdict(lambda: defaultdict(set))
    for _, claim in claims:
        immatriculation = claim.insured_immatriculation
        insured[immatriculation].add((claim.insured_name, claim.insured_cin))
        if claim.beneficiary_relationship is Relationship.SPOUSE:
            spouse = (claim.beneficiary_name, claim.beneficiary_birth_date, claim.beneficiary_sex)
            spouses[immatriculation].add(spouse)
        if claim.beneficiary_relationship is Relationship.CHILD:
            children[immatriculation][claim.beneficiary_name].add(claim.beneficiary_birth_date)
    assert all(len(people) == 1 for people in insured.values())
    assert all(len(people) == 1 for people in spouses.values())
    for family in children.values():
        assert len(family) <= 5
    counts = Counter(claim.insured_immatriculation for _, claim in claims)
    assert len(counts) <= N_CLAIMS // 3 + 50  # the pool grows to a third of the claims
    assert max(counts.values()) >= 5  # some insured come back often


def test_a_fixed_pool_holds_exactly_that_many_households() -> None:
    people = DemoPeople(3, TODAY, household_pool_size=10)
    immatriculations = {people.claim(TODAY).insured_immatriculation for _ in range(500)}
    assert len(immatriculations) == 10


def test_claims_follow_the_counter_mix(claims: list[tuple[date, ClaimDraft]]) -> None:
    drafts = [claim for _, claim in claims]
    n = len(drafts)

    def share(predicate: object) -> float:
        assert callable(predicate)
        return sum(1 for claim in drafts if predicate(claim)) / n

    assert share(lambda c: c.form_type is FormType.GENERAL) == pytest.approx(0.85, abs=0.03)
    assert share(lambda c: c.form_type is FormType.ALD) == pytest.approx(0.10, abs=0.025)
    assert share(lambda c: c.form_type is FormType.DENTAL) == pytest.approx(0.05, abs=0.02)
    assert share(lambda c: c.end_of_treatment_date is not None) == pytest.approx(0.03, abs=0.015)
    assert share(lambda c: c.fse_number is not None) == pytest.approx(0.10, abs=0.025)
    self_share = share(lambda c: c.beneficiary_relationship is Relationship.SELF)
    assert self_share == pytest.approx(0.56, abs=0.05)  # a few fall back to self
    assert share(lambda c: c.care_type is CareType.MATERNITY) > 0
    assert share(lambda c: c.care_type is CareType.ACCIDENT) > 0
    median_mad = statistics.median(c.declared_amount_centimes for c in drafts) / 100
    assert 250 <= median_mad <= 450


def test_practitioners_come_from_one_neighbourhood(claims: list[tuple[date, ClaimDraft]]) -> None:
    people = DemoPeople(random.Random(20260315), TODAY)
    prescribers, facilities = set(people.prescriber_inpes), set(people.facility_inpes)
    assert 250 <= len(prescribers | facilities) <= 350
    assert not prescribers & facilities
    for _, claim in claims:
        assert claim.prescriber_inpe in prescribers
        assert claim.facility_inpe is None or claim.facility_inpe in facilities


def test_claims_pass_the_counter_rules(claims: list[tuple[date, ClaimDraft]]) -> None:
    rules = ClaimRules()
    for day, claim in claims:
        assert errors(validate_claim(claim, rules, day)) == [], claim


# --- enrolments --------------------------------------------------------------------------


def test_enrolment_dependents_follow_the_age_rules(enrolments: list[EnrolmentDraft]) -> None:
    kinds: Counter[str] = Counter()
    for enrolment in enrolments:
        day = enrolment.signature_date
        for dependent in enrolment.dependents:
            age = age_on(dependent.birth_date, day)
            if dependent.relationship is DependentRelationship.SPOUSE:
                assert 18 <= age <= 90
                assert dependent.sex is not enrolment.sex
                assert not dependent.is_kafala
                kinds["spouse"] += 1
                continue
            assert dependent.birth_date > enrolment.birth_date
            assert (
                age <= 21
                or (age <= 26 and dependent.is_student and not dependent.is_married)
                or dependent.is_disabled
            )
            assert (dependent.cin is not None) == (age >= 18)
            kinds["student" if dependent.is_student and age > 21 else "child"] += 1
            kinds["kafala"] += dependent.is_kafala
            kinds["disabled"] += dependent.is_disabled and age > 26
    assert kinds["spouse"] / len(enrolments) == pytest.approx(0.70, abs=0.06)
    assert kinds["child"] > kinds["student"] > 0
    assert kinds["kafala"] > 0


def test_enrolment_applicants_are_adult_workers_of_a_known_category(
    enrolments: list[EnrolmentDraft],
) -> None:
    for enrolment in enrolments:
        assert 20 <= age_on(enrolment.birth_date, enrolment.signature_date) <= 65
        assert enrolment.subcategory_code in TNS_CATEGORY_CODES[enrolment.category_code]
        assert enrolment.notice_acknowledged
        assert re.fullmatch(r"[A-Z]{2}", enrolment.nationality)
        assert CIN_SHAPE.fullmatch(enrolment.cin)
        assert enrolment.immatriculation is None or NINE_DIGITS.fullmatch(enrolment.immatriculation)
        assert LATIN_NAME.fullmatch(enrolment.last_name)
        assert LATIN_NAME.fullmatch(enrolment.first_name)
        assert (enrolment.last_name_ar is None) == (enrolment.first_name_ar is None)
        assert enrolment.email is None or re.fullmatch(
            r"[a-z'-]+\.[a-z'-]+[0-9]*@example\.(com|net|org)", enrolment.email
        )
        for address in (enrolment.personal_address, enrolment.professional_address):
            assert re.fullmatch(r"[0-9]{5}", address.postal_code)
            assert address.line and address.district and address.commune and address.city
        cins = [enrolment.cin, *(d.cin for d in enrolment.dependents if d.cin)]
        assert len(cins) == len(set(cins))
    assert Counter(e.nationality for e in enrolments)["MA"] >= 0.95 * len(enrolments)


def test_enrolments_pass_the_counter_rules(enrolments: list[EnrolmentDraft]) -> None:
    rules = EnrolmentRules()
    for enrolment in enrolments:
        problems = validate_enrolment(
            enrolment, rules, enrolment.signature_date, TNS_CATEGORY_CODES
        )
        assert errors(problems) == [], enrolment


# --- identifiers and tables ----------------------------------------------------------------


def _is_valid_moroccan_mobile(number: str) -> bool:
    parsed = phonenumbers.parse(number)
    return (
        phonenumbers.is_valid_number(parsed)
        and phonenumbers.region_code_for_number(parsed) == "MA"
        and phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.MOBILE
    )


def test_generated_mobile_numbers_are_valid_moroccan_mobiles() -> None:
    people = DemoPeople(11, TODAY)
    numbers = [people.mobile_phone() for _ in range(500)]
    assert all(re.fullmatch(r"\+212[67][0-9]{8}", number) for number in numbers)
    assert all(_is_valid_moroccan_mobile(number) for number in numbers)
    assert {number[4] for number in numbers} == {"6", "7"}


@pytest.mark.parametrize("prefix", [*MOBILE_PREFIXES_6, *MOBILE_PREFIXES_7])
def test_every_mobile_prefix_is_a_mobile_range(prefix: int) -> None:
    assert _is_valid_moroccan_mobile(f"+212{prefix}000000")
    assert _is_valid_moroccan_mobile(f"+212{prefix}999999")


def test_cities_have_five_digit_postal_codes_and_cin_prefixes() -> None:
    assert len(CITIES) >= 40
    assert len({city.name for city in CITIES}) == len(CITIES)
    for city in CITIES:
        assert re.fullmatch(r"[0-9]{5}", city.postal_code), city
        assert city.cin_prefixes and all(re.fullmatch(r"[A-Z]{1,2}", p) for p in city.cin_prefixes)
        assert city.weight > 0
    postal = {city.name: city.postal_code for city in CITIES}
    assert postal["Casablanca"] == "20000" and postal["Rabat"] == "10000"
    assert postal["Tanger"] == "90000" and postal["Berrechid"] == "26100"
    people = DemoPeople(5, TODAY)
    for _ in range(300):
        assert re.fullmatch(r"[0-9]{5}", people.address().postal_code)


def test_the_home_city_is_where_most_people_live() -> None:
    people = DemoPeople(5, TODAY, home_city="Fès")
    assert people.home_city.name == "Fès"
    cities = Counter(people.enrolment(TODAY).personal_address.city for _ in range(300))
    assert cities["Fès"] > 0.7 * 300
    with pytest.raises(ValueError, match="unknown demo city"):
        DemoPeople(5, TODAY, home_city="Atlantis")
    with pytest.raises(ValueError, match="household_pool_size"):
        DemoPeople(5, TODAY, household_pool_size=0)


def test_name_tables_are_large_and_written_as_on_a_cin() -> None:
    assert len(FIRST_NAMES_MALE) + len(FIRST_NAMES_FEMALE) >= 120
    assert len(FAMILY_NAMES) >= 150
    for name in (*FIRST_NAMES_MALE, *FIRST_NAMES_FEMALE, *FAMILY_NAMES):
        assert LATIN_NAME.fullmatch(name.latin), name
        assert name.weight >= 1
        if name.arabic is not None:
            letters = [c for c in name.arabic if c != " "]
            assert all("ARABIC" in unicodedata.name(c) for c in letters), name
    assert len({n.latin for n in FAMILY_NAMES}) == len(FAMILY_NAMES)
    assert sum(n.arabic is not None for n in FAMILY_NAMES) >= 75


def test_tns_categories_are_complete_demo_reference_data() -> None:
    codes = [category.code for category in TNS_CATEGORIES]
    assert len(codes) == len(set(codes)) >= 8
    for code, label_fr, label_ar, liaison_fr, flat_income, subcategories in TNS_CATEGORIES:
        assert label_fr and label_ar and liaison_fr
        assert flat_income > 0
        assert 2 <= len(subcategories) <= 5
        for sub_code, sub_fr, sub_ar in subcategories:
            assert sub_code.startswith(code) and sub_fr and sub_ar
        assert TNS_CATEGORY_CODES[code] == frozenset(sub[0] for sub in subcategories)
