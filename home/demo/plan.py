"""Demo: the community plan 2025–2028 of the fictional ORP Ostrov nad Vlčinou (in
implementation, monitored for 2025 and 2026, with a settled consultation), the archived plan
2021–2024, two surveys and the commission's activity plan for 2026. Idempotent."""

import datetime
from decimal import Decimal

from django.utils import timezone

from catalog.models import TargetGroup
from kpss_pages.plan.models import (
    ActivityPlanPage,
    Comment,
    Indicator,
    IndicatorValue,
    Measure,
    MeasureStatus,
    PlanChapterPage,
    PlanIndexPage,
    PlannedActivity,
    PlanPage,
    Priority,
    SurveyField,
    SurveyPage,
    YearReport,
)

from . import plan_data as data
from .utils import ensure_page, rich

TOWN = "Ostrov nad Vlčinou"


def load(ctx):
    index = ensure_page(
        ctx,
        ctx.home,
        PlanIndexPage,
        "komunitni-plan",
        title="Komunitní plán",
        show_in_menus=True,
        intro=rich(
            f"Komunitní plán sociálních služeb ORP {TOWN} popisuje, jaké služby v území jsou, "
            "co lidem chybí a co se s tím v příštích letech udělá. Platný plán si můžete "
            "přečíst po kapitolách, předchozí plány zůstávají k dispozici."
        ),
    )
    groups = {g.slug: g for g in TargetGroup.objects.all()}
    current = _current_plan(ctx, index, groups)
    _archived_plan(ctx, index, groups)
    _comments(ctx, current)
    _surveys(ctx, index)
    _activity_plan(ctx, index)
    ctx.extra["current_plan"] = current


def _current_plan(ctx, index, groups):
    plan = ensure_page(
        ctx,
        index,
        PlanPage,
        "2025-2028",
        title="Komunitní plán sociálních služeb ORP Ostrov nad Vlčinou 2025–2028",
        start_year=2025,
        end_year=2028,
        status="implementation",
        consultation_start=datetime.date(2024, 10, 14),
        consultation_deadline=datetime.date(2024, 11, 15),
        approved_on=datetime.date(2024, 12, 9),
        resolution_number="ZM/15/2024/7",
        approved_by="Zastupitelstvo města Ostrov nad Vlčinou",
        intro=rich(
            "Plán vznikl v letech 2023–2024 ve čtyřech pracovních skupinách (senioři, rodiny "
            "s dětmi, osoby se zdravotním postižením, osoby ohrožené sociálním vyloučením). "
            "Pracovní skupiny zjišťovaly potřeby, vyhodnotily předchozí plán, připravily "
            "analytické podklady a SWOT analýzy a navrhly priority a opatření.",
        ),
    )
    ensure_page(
        ctx,
        plan,
        PlanChapterPage,
        "uvod",
        title="Úvod",
        lead="Proč plán máme, kdo ho připravil a jak se v něm vyznat.",
        body=[
            (
                "rich_text",
                rich(
                    "Komunitní plánování je cyklický proces: zjišťujeme potřeby obyvatel, hledáme "
                    "řešení s poskytovateli a obcemi a každý rok vyhodnocujeme, co se podařilo.",
                    f"Plán platí pro celý správní obvod ORP {TOWN}: Ostrov nad Vlčinou, Lipník "
                    "u Vlčiny, Dubová Lhota, Kamenná Ves, Horní Rybníčky a Vlčinská Lhota.",
                ),
            ),
            (
                "easy_read",
                {
                    "title": "Srozumitelně",
                    "text": rich(
                        "Tento plán říká, jak budeme pomáhat lidem, kteří potřebují pomoc.",
                        "- Ptali jsme se lidí, co potřebují.",
                        "- Napsali jsme, co uděláme v letech 2025 až 2028.",
                        "- Každý rok napíšeme, co se povedlo.",
                    ),
                },
            ),
        ],
    )
    analysis = ensure_page(
        ctx,
        plan,
        PlanChapterPage,
        "analyticka-cast",
        title="Analytická část",
        lead="Popis území, služeb, zdrojů a potřeb obyvatel.",
        body=[
            (
                "rich_text",
                rich(
                    "Analytická část shrnuje zjištění pracovních skupin z let 2023 a 2024: "
                    "socio-demografický popis území, přehled služeb a zdrojů, potřeby obyvatel "
                    "a SWOT analýzy pro každou cílovou skupinu."
                ),
            )
        ],
    )
    ensure_page(
        ctx,
        analysis,
        PlanChapterPage,
        "socio-demograficky-popis",
        title="Socio-demografický popis území",
        body=[
            (
                "rich_text",
                rich(
                    f"ORP {TOWN} má 22 410 obyvatel v šesti obcích. Podíl lidí nad 65 let roste "
                    "rychleji než v kraji."
                ),
            ),
            ("chart", data.POPULATION_CHART),
            ("statistics", data.POPULATION_TABLE),
        ],
    )
    ensure_page(
        ctx,
        analysis,
        PlanChapterPage,
        "sluzby-a-zdroje",
        title="Sociální služby a zdroje",
        body=[
            (
                "rich_text",
                rich(
                    "V území působí 14 registrovaných sociálních služeb 9 poskytovatelů. "
                    "Nejvíce chybí "
                    "odlehčovací služba, chráněné bydlení a nízkoprahové služby mimo město.",
                    "## Zdroje financování",
                    "- dotace Krajského úřadu ze státního rozpočtu,",
                    "- rozpočty města a obcí,",
                    "- evropské fondy (ESF+, IROP),",
                    "- úhrady uživatelů služeb.",
                ),
            )
        ],
    )
    ensure_page(
        ctx,
        analysis,
        PlanChapterPage,
        "potreby-obyvatel",
        title="Potřeby obyvatel",
        body=[
            (
                "rich_text",
                rich(
                    "Potřeby jsme zjišťovali veřejnou anketou (412 odpovědí), rozhovory se "
                    "zástupci obcí a poskytovatelů a na kulatých stolech.",
                    "- senioři: pomoc doma i večer a o víkendech, doprava k lékaři,",
                    "- rodiny: dluhové poradenství, volnočasové aktivity pro mládež,",
                    "- osoby se zdravotním postižením: bydlení a práce,",
                    "- osoby ohrožené vyloučením: dostupné bydlení, terénní pomoc.",
                ),
            ),
            (
                "easy_read",
                {
                    "title": "Srozumitelně",
                    "text": rich("Lidé nejvíc potřebují pomoc doma, dopravu a bydlení."),
                },
            ),
        ],
    )
    ensure_page(
        ctx,
        analysis,
        PlanChapterPage,
        "swot-analyzy",
        title="SWOT analýzy",
        body=[
            (
                "swot",
                {"title": title, "strengths": s, "weaknesses": w, "opportunities": o, "threats": t},
            )
            for title, s, w, o, t in (data.SWOTS[g] for g, _s, _t in data.GROUP_CHAPTERS)
        ],
    )
    proposal = ensure_page(
        ctx,
        plan,
        PlanChapterPage,
        "navrhova-cast",
        title="Návrhová část",
        lead="Priority a opatření pro jednotlivé cílové skupiny.",
        body=[
            (
                "rich_text",
                rich(
                    "Návrhová část obsahuje 4 priority a 14 opatření. U každého opatření je uveden "
                    "odpovědný subjekt, partneři, časový rámec, náklady, zdroje financování "
                    "a ukazatele s cílovými hodnotami."
                ),
            )
        ],
    )
    for slug, chapter_slug, title in data.GROUP_CHAPTERS:
        ensure_page(
            ctx,
            proposal,
            PlanChapterPage,
            chapter_slug,
            title=title,
            body=[("measures", {"heading": "", "target_group": slug, "priority_number": None})],
        )
    ensure_page(
        ctx,
        plan,
        PlanChapterPage,
        "monitoring",
        title="Monitoring a vyhodnocování plánu",
        body=[
            (
                "rich_text",
                rich(
                    "Plnění opatření vyhodnocuje každý rok Komise pro komunitní plánování. Zpráva "
                    "o naplňování komunitního plánu se předkládá radě a zastupitelstvu města "
                    "a slouží krajskému úřadu ke zpracování souhrnné zprávy za kraj."
                ),
            )
        ],
    )
    _priorities(ctx, plan, groups, data.PRIORITIES)
    _monitoring(ctx, plan, data.MONITORING)
    _, created = YearReport.objects.get_or_create(
        plan=plan,
        year=2025,
        defaults={
            "summary": (
                "V roce 2025 bylo 1 opatření splněno, 4 se plní průběžně, 5 probíhá, "
                "1 je splněno částečně a 3 zatím nebyla zahájena."
            ),
            "council_date": datetime.date(2026, 3, 16),
            "council_resolution": "RM/45/2026",
            "assembly_date": datetime.date(2026, 4, 20),
            "assembly_resolution": "ZM/22/2026/5",
            "sent_to_region_on": datetime.date(2026, 4, 30),
        },
    )
    ctx.created += created
    return plan


def _priorities(ctx, plan, groups, priorities):
    for number, group_slug, title, description, measures in priorities:
        priority, created = Priority.objects.get_or_create(
            plan=plan,
            number=number,
            defaults={
                "title": title,
                "description": description,
                "target_group": groups.get(group_slug),
            },
        )
        ctx.created += created
        for (
            m_number,
            m_title,
            m_desc,
            responsible,
            partners,
            timeframe,
            cost,
            funding,
            indicators,
        ) in measures:
            measure, created = Measure.objects.get_or_create(
                priority=priority,
                number=m_number,
                defaults={
                    "title": m_title,
                    "description": m_desc,
                    "responsible": responsible,
                    "partners": partners,
                    "timeframe": timeframe,
                    "estimated_cost": Decimal(cost) if cost is not None else None,
                    "funding_sources": funding,
                },
            )
            if created:
                ctx.created += 1
                for order, (name, unit, target) in enumerate(indicators):
                    Indicator.objects.create(
                        measure=measure,
                        sort_order=order,
                        name=name,
                        unit=unit,
                        target_value=target,
                    )


def _monitoring(ctx, plan, monitoring, years=(2025, 2026)):
    measures = {m.number: m for m in Measure.objects.filter(priority__plan=plan)}
    for number, entries in monitoring.items():
        measure = measures[number]
        indicators = list(measure.indicators.all())
        for year, entry in zip(years, entries, strict=False):
            if entry is None:
                continue
            status, commentary, values = entry
            record, created = MeasureStatus.objects.get_or_create(
                measure=measure,
                year=year,
                defaults={"status": status, "commentary": commentary},
            )
            if not created:
                continue
            ctx.created += 1
            for indicator, value in zip(indicators, values, strict=False):
                IndicatorValue.objects.create(record=record, indicator=indicator, value=value)


def _archived_plan(ctx, index, groups):
    plan = ensure_page(
        ctx,
        index,
        PlanPage,
        "2021-2024",
        title="Komunitní plán sociálních služeb ORP Ostrov nad Vlčinou 2021–2024",
        start_year=2021,
        end_year=2024,
        status="archived",
        approved_on=datetime.date(2020, 12, 14),
        resolution_number="ZM/19/2020/4",
        approved_by="Zastupitelstvo města Ostrov nad Vlčinou",
        intro=rich("Předchozí plán. Jeho vyhodnocení bylo podkladem pro plán 2025–2028."),
    )
    ensure_page(
        ctx,
        plan,
        PlanChapterPage,
        "uvod",
        title="Úvod",
        body=[
            (
                "rich_text",
                rich(
                    "Plán na období 2021–2024 navázal na střednědobý plán rozvoje "
                    "sociálních služeb kraje."
                ),
            )
        ],
    )
    ensure_page(
        ctx,
        plan,
        PlanChapterPage,
        "priority-a-opatreni",
        title="Priority a opatření",
        body=[("measures", {"heading": "", "target_group": "", "priority_number": None})],
    )
    _priorities(
        ctx,
        plan,
        groups,
        [
            (
                1,
                data.SENIORS,
                "Rozvoj terénních služeb pro seniory",
                "",
                [
                    (
                        "1.1",
                        "Posílení pečovatelské služby",
                        "",
                        "Pečovatelská služba Ostrov nad Vlčinou",
                        "",
                        "2021–2024",
                        600000,
                        "rozpočet města",
                        [("Počet klientů", "osob", 110)],
                    ),
                    (
                        "1.2",
                        "Klub seniorů v Lipníku",
                        "",
                        "Obec Lipník u Vlčiny",
                        "",
                        "2022",
                        50000,
                        "obec",
                        [],
                    ),
                ],
            ),
            (
                2,
                data.EXCLUDED,
                "Pomoc lidem bez domova",
                "",
                [
                    (
                        "2.1",
                        "Zimní noclehárna",
                        "",
                        "Charita Ostrov",
                        "",
                        "každou zimu",
                        400000,
                        "dotace kraje",
                        [("Počet nocí", "nocí", 1500)],
                    ),
                ],
            ),
        ],
    )
    _monitoring(
        ctx,
        plan,
        {
            "1.1": (("fulfilled", "Cíl splněn.", [118]),),
            "1.2": (("fulfilled", "Klub funguje od září 2022.", []),),
            "2.1": (("continuous", "", [1580]),),
        },
        years=(2024,),
    )


def _comments(ctx, plan):
    if Comment.objects.filter(plan=plan).exists():
        return
    chapters = {c.slug: c for c in PlanChapterPage.objects.descendant_of(plan)}
    measures = {m.number: m for m in Measure.objects.filter(priority__plan=plan)}
    submitted = timezone.make_aware(datetime.datetime(2024, 10, 28, 10, 0))
    for n, (target, organisation, text, settlement, justification) in enumerate(
        data.SETTLED_COMMENTS, start=1
    ):
        comment = Comment.objects.create(
            plan=plan,
            chapter=chapters.get(target),
            measure=measures.get(target),
            name=f"Připomínkující {n}",
            email=f"pripominky{n}@obcan.example",
            organisation=organisation,
            text=text,
            consent=True,
            moderation="approved",
            settlement=settlement,
            justification=justification,
            settled_at=datetime.date(2024, 11, 25),
        )
        Comment.objects.filter(pk=comment.pk).update(
            created_at=submitted + datetime.timedelta(days=n)
        )
        ctx.created += 1


def _surveys(ctx, index):
    fields = [
        ("Znáte sociální služby ve svém okolí?", "radio", "Ano, dobře\nTrochu\nVůbec ne", True),
        (
            "Které služby vám nebo vašim blízkým chybí?",
            "checkboxes",
            "Pomoc v domácnosti\nOdlehčovací služba\nDoprava k lékaři\nDluhové poradenství\n"
            "Klub pro děti a mládež\nChráněné bydlení",
            False,
        ),
        (
            "Kde hledáte informace o službách?",
            "dropdown",
            "Na webu města\nVe zpravodaji\nU lékaře\nOd známých",
            False,
        ),
        ("Co byste vzkázali autorům plánu?", "multiline", "", False),
    ]
    ensure_page(
        ctx,
        index,
        SurveyPage,
        "anketa-2027",
        title="Anketa: Jaké sociální služby ve Vlčinsku chybí?",
        intro=rich(
            "Anketou zjišťujeme potřeby obyvatel pro aktualizaci komunitního plánu. "
            "Vyplnění trvá asi 5 minut a je anonymní."
        ),
        opens_on=datetime.date(2026, 11, 1),
        closes_on=datetime.date(2027, 3, 31),
        ask_target_group=True,
        thank_you_text=rich("Děkujeme za vyplnění ankety. Výsledky zveřejníme na jaře 2027."),
        form_fields=[
            SurveyField(
                sort_order=i, label=label, field_type=ftype, choices=choices, required=required
            )
            for i, (label, ftype, choices, required) in enumerate(fields)
        ],
    )
    closed = ensure_page(
        ctx,
        index,
        SurveyPage,
        "anketa-2023",
        title="Anketa pro veřejnost 2023",
        intro=rich("Anketa k přípravě plánu 2025–2028."),
        opens_on=datetime.date(2023, 6, 1),
        closes_on=datetime.date(2023, 9, 30),
        ask_target_group=True,
        publish_summary=True,
        summary_text=rich("Nejčastěji lidem chybí doprava k lékaři a pomoc v domácnosti."),
        form_fields=[
            SurveyField(
                sort_order=i, label=label, field_type=ftype, choices=choices, required=required
            )
            for i, (label, ftype, choices, required) in enumerate(fields[:2])
        ],
    )
    submissions = closed.get_submission_class().objects
    if not submissions.filter(page=closed).exists():
        answers = [
            ("Trochu", ["Doprava k lékaři", "Pomoc v domácnosti"], "Senioři"),
            ("Ano, dobře", ["Odlehčovací služba"], "Senioři"),
            ("Vůbec ne", ["Dluhové poradenství"], "Rodiny s dětmi"),
            ("Trochu", ["Klub pro děti a mládež", "Doprava k lékaři"], "Rodiny s dětmi"),
            ("Trochu", ["Chráněné bydlení"], "Osoby se zdravotním postižením"),
            ("Vůbec ne", ["Doprava k lékaři"], ""),
        ]
        for known, missing, group in answers:
            submissions.create(
                page=closed,
                form_data={
                    "znate_socialni_sluzby_ve_svem_okoli": known,
                    "ktere_sluzby_vam_nebo_vasim_blizkym_chybi": missing,
                    "cilova_skupina": group,
                },
            )
            ctx.created += 1


def _activity_plan(ctx, index):
    ensure_page(
        ctx,
        index,
        ActivityPlanPage,
        "plan-cinnosti-komise-2026",
        title="Plán činnosti Komise pro komunitní plánování na rok 2026",
        year=2026,
        intro=rich(
            "V roce 2026 probíhá implementační fáze KPSS. Komise, která je zároveň řídící "
            "skupinou, průběžně monitoruje a vyhodnocuje realizaci opatření komunitního plánu. "
            "Na základě vyhodnocení zpracuje Zprávu o naplňování komunitního plánu za rok 2026, "
            "kterou předloží na vědomí radě a zastupitelstvu města; schválená zpráva je "
            "podkladem pro krajský úřad.",
            "Informace o plnění plánu zveřejňujeme na těchto stránkách, ve Vlčinském zpravodaji "
            "a na setkáních s obyvateli domů s pečovatelskou službou.",
        ),
        activities=[
            PlannedActivity(sort_order=i, quarter=q, title=title, done=done)
            for i, (q, title, done) in enumerate(data.ACTIVITIES_2026)
        ],
    )
