"""Demo texts of the community plan of the fictional ORP Ostrov nad Vlčinou (all invented)."""

SENIORS = "seniori"
FAMILIES = "rodiny-s-detmi"
DISABLED = "osoby-se-zdravotnim-postizenim"
EXCLUDED = "osoby-ohrozene-socialnim-vyloucenim"

# (number, target group slug, title, description, measures)
# measure: (number, title, description, responsible, partners, timeframe, cost, funding,
#           [(indicator, unit, target)])
PRIORITIES = [
    (
        1,
        SENIORS,
        "Podpora života seniorů v domácím prostředí",
        "Senioři chtějí co nejdéle žít doma. Posílíme terénní služby a podporu pečujících.",
        [
            (
                "1.1",
                "Rozšíření pečovatelské služby do menších obcí ORP",
                "Pečovatelská služba bude dostupná i ve večerních hodinách a o víkendech ve všech "
                "obcích správního obvodu.",
                "Pečovatelská služba Ostrov nad Vlčinou",
                "obce ORP, Charita Ostrov",
                "2025–2026",
                1200000,
                "rozpočet města, dotace Krajského úřadu",
                [("Počet obcí, kde služba působí", "obcí", 6), ("Počet klientů", "osob", 140)],
            ),
            (
                "1.2",
                "Zavedení odlehčovací služby",
                "Pobytová odlehčovací služba umožní pečujícím odpočinek.",
                "Domov pro seniory Vlčina",
                "Město Ostrov nad Vlčinou",
                "2026–2027",
                2500000,
                "dotace MPSV, rozpočet kraje",
                [("Počet lůžek odlehčovací služby", "lůžek", 4)],
            ),
            (
                "1.3",
                "Podpora pečujících osob",
                "Setkávání pečujících, poradenství a půjčovna kompenzačních pomůcek.",
                "Charita Ostrov",
                "Odbor sociálních věcí",
                "průběžně",
                150000,
                "rozpočet města",
                [("Počet setkání pečujících", "setkání", 10)],
            ),
            (
                "1.4",
                "Senior taxi pro všechny obce ORP",
                "Doprava k lékaři a na úřady za zvýhodněné jízdné.",
                "Město Ostrov nad Vlčinou",
                "partnerské obce",
                "2025–2028",
                400000,
                "rozpočty obcí",
                [("Počet jízd za rok", "jízd", 1500)],
            ),
        ],
    ),
    (
        2,
        FAMILIES,
        "Dostupná podpora rodin s dětmi v obtížné situaci",
        "Rodiny potřebují poradenství včas a blízko domova.",
        [
            (
                "2.1",
                "Sociálně aktivizační služba pro rodiny v terénu",
                "Pracovnice služby dojíždějí do rodin ve všech obcích ORP.",
                "Rodinné centrum Vlčinka",
                "OSPOD Ostrov nad Vlčinou",
                "2025–2028",
                800000,
                "dotace kraje",
                [("Počet podpořených rodin", "rodin", 45)],
            ),
            (
                "2.2",
                "Dluhové poradenství pro rodiny",
                "Pravidelné konzultace odborného sociálního poradenství v Ostrově a v Lipníku.",
                "Občanská poradna Vlčina",
                "Úřad práce",
                "průběžně",
                250000,
                "rozpočet města",
                [("Počet konzultací", "konzultací", 300)],
            ),
            (
                "2.3",
                "Nízkoprahový klub pro děti a mládež",
                "Otevření klubu pro děti 6–18 let v Dubové Lhotě.",
                "Spolek Klubko",
                "Obec Dubová Lhota",
                "2026",
                600000,
                "dotace MPSV, obec",
                [("Počet návštěv za rok", "návštěv", 2000)],
            ),
        ],
    ),
    (
        3,
        DISABLED,
        "Samostatný život osob se zdravotním postižením",
        "Podpora bydlení, práce a dostupnosti služeb.",
        [
            (
                "3.1",
                "Chráněné bydlení pro 6 osob",
                "Vybudování bytu chráněného bydlení v Ostrově nad Vlčinou.",
                "Sociální služby Vlčina",
                "Město Ostrov nad Vlčinou",
                "2026–2028",
                5000000,
                "IROP, rozpočet města",
                [("Počet míst chráněného bydlení", "míst", 6)],
            ),
            (
                "3.2",
                "Osobní asistence i o víkendech",
                "Navýšení kapacity osobní asistence.",
                "Asistence Vlčina",
                "kraj",
                "2025–2026",
                700000,
                "dotace kraje",
                [("Počet hodin asistence za rok", "hodin", 9000)],
            ),
            (
                "3.3",
                "Bezbariérové informace o službách",
                "Katalog služeb ve znakové řeči a ve formátu snadného čtení.",
                "Odbor sociálních věcí",
                "poskytovatelé",
                "2025",
                80000,
                "rozpočet města",
                [("Počet služeb s informacemi ve snadném čtení", "služeb", 20)],
            ),
        ],
    ),
    (
        4,
        EXCLUDED,
        "Prevence sociálního vyloučení a bezdomovectví",
        "Včasná pomoc lidem v bytové nouzi a bez domova.",
        [
            (
                "4.1",
                "Terénní program v sociálně vyloučených lokalitách",
                "Terénní sociální práce v lokalitách Za Nádražím a Horní Rybníčky.",
                "Charita Ostrov",
                "Policie ČR, obce",
                "průběžně",
                900000,
                "dotace kraje",
                [("Počet kontaktovaných osob", "osob", 120)],
            ),
            (
                "4.2",
                "Krizové a startovací byty",
                "Město vyčlení 3 byty pro lidi v bytové nouzi.",
                "Město Ostrov nad Vlčinou",
                "Občanská poradna Vlčina",
                "2025–2026",
                300000,
                "rozpočet města",
                [("Počet krizových bytů", "bytů", 3)],
            ),
            (
                "4.3",
                "Noclehárna v zimním období",
                "Provoz noclehárny od listopadu do března.",
                "Charita Ostrov",
                "Město",
                "každou zimu",
                450000,
                "rozpočet města, dotace kraje",
                [("Počet nocí poskytnutého noclehu", "nocí", 1800)],
            ),
            (
                "4.4",
                "Koordinace pomoci při ztrátě bydlení",
                "Pravidelná setkání odborníků k řešení jednotlivých případů.",
                "Odbor sociálních věcí",
                "poskytovatelé, OSPOD, Úřad práce",
                "průběžně",
                None,
                "bez nákladů",
                [("Počet případových konferencí", "konferencí", 8)],
            ),
        ],
    ),
]

# measure number → (status 2025, commentary 2025, [values]), (status 2026, commentary, [values])
MONITORING = {
    "1.1": (
        ("in_progress", "Služba rozšířena do 4 obcí.", [4, 110]),
        ("fulfilled", "Služba působí ve všech 6 obcích.", [6, 142]),
    ),
    "1.2": (
        ("not_started", "Čeká se na výsledek dotační výzvy.", []),
        ("in_progress", "Rekonstrukce pokojů zahájena.", [2]),
    ),
    "1.3": (("continuous", "Konáno 9 setkání.", [9]), ("continuous", "Konáno 11 setkání.", [11])),
    "1.4": (("in_progress", "Zapojeny 3 obce.", [900]), ("partly", "Zapojeno 5 z 6 obcí.", [1320])),
    "2.1": (
        ("in_progress", "Služba pracuje s 30 rodinami.", [30]),
        ("fulfilled", "Cíl překročen.", [48]),
    ),
    "2.2": (("continuous", "", [260]), ("continuous", "", [310])),
    "2.3": (
        ("not_started", "Hledají se prostory.", []),
        ("not_fulfilled", "Obec nezískala vhodné prostory; přesun do roku 2027.", []),
    ),
    "3.1": (
        ("not_started", "Připravuje se projektová dokumentace.", []),
        ("in_progress", "Podána žádost o dotaci IROP.", []),
    ),
    "3.2": (("in_progress", "", [7200]), ("fulfilled", "Asistence i o víkendech.", [9100])),
    "3.3": (("fulfilled", "Katalog vydán ve snadném čtení.", [22]), None),
    "4.1": (("continuous", "", [98]), ("continuous", "", [126])),
    "4.2": (("in_progress", "Vyčleněny 2 byty.", [2]), ("fulfilled", "K dispozici 3 byty.", [3])),
    "4.3": (("continuous", "", [1650]), ("continuous", "", [1720])),
    "4.4": (("partly", "Konáno 5 konferencí.", [5]), ("in_progress", "", [6])),
}

SWOTS = {
    SENIORS: (
        "SWOT analýza – senioři",
        [
            "Fungující pečovatelská služba ve městě",
            "Aktivní kluby seniorů",
            "Dobrá spolupráce poskytovatelů",
        ],
        [
            "Nedostatek odlehčovacích služeb",
            "Slabá dopravní obslužnost menších obcí",
            "Dlouhé čekací lhůty v domově pro seniory",
        ],
        ["Dotační výzvy kraje a IROP", "Dobrovolnictví", "Zapojení obcí do financování"],
        [
            "Stárnutí obyvatel",
            "Nedostatek pracovníků v sociálních službách",
            "Nejisté financování služeb",
        ],
    ),
    FAMILIES: (
        "SWOT analýza – rodiny s dětmi",
        ["Rodinné centrum s širokou nabídkou", "Spolupráce se školami"],
        ["Chybí nízkoprahový klub mimo město", "Málo dostupného bydlení"],
        ["Projekty financované z ESF+", "Spolupráce s OSPOD"],
        ["Zadluženost rodin", "Odchod mladých rodin z menších obcí"],
    ),
    DISABLED: (
        "SWOT analýza – osoby se zdravotním postižením",
        ["Kvalitní osobní asistence", "Sdílení informací mezi poskytovateli"],
        ["Chybí chráněné bydlení v ORP", "Bariéry ve veřejných budovách"],
        ["Transformace pobytových služeb", "Dotace na bezbariérové úpravy"],
        ["Nedostatek pracovních příležitostí", "Rostoucí náklady služeb"],
    ),
    EXCLUDED: (
        "SWOT analýza – osoby ohrožené sociálním vyloučením",
        ["Terénní program Charity", "Noclehárna v zimním období"],
        ["Chybí azylové ubytování pro ženy", "Málo sociálních bytů"],
        ["Sociální bydlení ve spolupráci s obcemi", "Spolupráce s Úřadem práce"],
        ["Růst cen bydlení a energií", "Předsudky veřejnosti"],
    ),
}

GROUP_CHAPTERS = [
    (SENIORS, "seniori", "Senioři"),
    (FAMILIES, "rodiny-s-detmi", "Rodiny s dětmi"),
    (DISABLED, "osoby-se-zdravotnim-postizenim", "Osoby se zdravotním postižením"),
    (EXCLUDED, "osoby-ohrozene-socialnim-vyloucenim", "Osoby ohrožené sociálním vyloučením"),
]

POPULATION_CHART = {
    "title": "Počet obyvatel ORP ve věku 65 a více let",
    "description": (
        "Počet obyvatel ve věku 65 a více let vzrostl z 4 120 v roce 2015 na 5 310 v roce 2023, "
        "tedy téměř o třetinu."
    ),
    "unit": "osob",
    "items": [
        {"label": "2015", "value": "4120"},
        {"label": "2017", "value": "4390"},
        {"label": "2019", "value": "4700"},
        {"label": "2021", "value": "5020"},
        {"label": "2023", "value": "5310"},
    ],
    "source": "Český statistický úřad (údaje upraveny pro fiktivní ORP)",
    "year": 2023,
}

POPULATION_TABLE = {
    "caption": "Obyvatelé obcí ORP Ostrov nad Vlčinou podle věku",
    "table": {
        "first_row_is_table_header": True,
        "first_col_is_header": True,
        "data": [
            ["Obec", "0–14 let", "15–64 let", "65+ let", "Celkem"],
            ["Ostrov nad Vlčinou", "2 310", "9 850", "3 420", "15 580"],
            ["Lipník u Vlčiny", "410", "1 720", "620", "2 750"],
            ["Dubová Lhota", "190", "830", "340", "1 360"],
            ["Kamenná Ves", "120", "560", "250", "930"],
            ["Horní Rybníčky", "90", "410", "210", "710"],
            ["Vlčinská Lhota", "110", "500", "470", "1 080"],
        ],
    },
    "source": "Český statistický úřad, upraveno",
    "year": 2023,
}

# (chapter slug or measure number, organisation, text, settlement, justification)
SETTLED_COMMENTS = [
    (
        "potreby-obyvatel",
        "Spolek Klubko",
        "V analýze chybí potřeby dětí a mládeže v Dubové Lhotě, kde není žádný klub.",
        "accepted",
        "Doplněno do kapitoly a zařazeno opatření 2.3.",
    ),
    (
        "1.4",
        "",
        "Senior taxi by mělo jezdit i do Horních Rybníček.",
        "partly",
        "Obec Horní Rybníčky se zapojí od roku 2026 podle rozpočtu.",
    ),
    (
        "4.3",
        "Charita Ostrov",
        "Noclehárna by měla fungovat celoročně.",
        "not_accepted",
        "Na celoroční provoz nejsou v rozpočtu prostředky; znovu posoudíme při aktualizaci plánu.",
    ),
    (
        "swot-analyzy",
        "",
        "Děkuji za srozumitelné shrnutí, pomohlo mi to pochopit plán.",
        "noted",
        "Bereme na vědomí, děkujeme.",
    ),
]

ACTIVITIES_2026 = [
    (1, "Zpracování monitorovací zprávy realizace opatření komunitního plánu za rok 2025", True),
    (1, "Předložení monitorovací zprávy radě a zastupitelstvu města", True),
    (1, "Aktualizace webových stránek KPSS", True),
    (1, "Plán předávání informací o procesu KPSS veřejnosti", True),
    (2, "Vyhodnocování realizace jednotlivých opatření komunitního plánu", True),
    (2, "Informace o KPSS na dni otevřených dveří Charity Ostrov", True),
    (2, "Setkání s uživateli služeb v domech s pečovatelskou službou a zjišťování potřeb", True),
    (2, "Setkání s členy osadních výborů Lipník a Dubová Lhota", False),
    (3, "Vyhodnocování průběžného plnění opatření komunitního plánu", True),
    (3, "Článek o průběhu KPSS ve Vlčinském zpravodaji", True),
    (3, "Zpracování SWOT analýzy stávajících sociálních služeb", False),
    (3, "Vypracování dotazníku pro veřejnost", True),
    (3, "Aktualizace a tisk katalogu poskytovatelů sociálních služeb", False),
    (4, "Předání zprávy o naplňování plánu krajskému úřadu", False),
    (4, "Zahájení přípravných prací na analytické fázi dalšího plánu", False),
]
