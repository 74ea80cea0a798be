# ruff: noqa: E501  (the statements of the instruments stay on one line each)
"""The two RBN instruments of the state evaluation 2014–2018 (seed 001).

Both use the four-point agreement scale; statements are grouped in the dimensions
Transparenz, Beteiligung and Nutzen. Loaded by a data migration (``load``) so that they
exist after ``migrate``; ``load`` is idempotent and also used by browser-test fixtures.
"""

DIMENSIONS = ("Transparenz", "Beteiligung", "Nutzen")

INSTRUMENTS = [
    {
        "code": "rbn-akteure",
        "title": "RBN-Befragung Akteure und Partner",
        "description": (
            "Befragung der Akteure und Partner eines Regionalen Bildungsnetzwerks zu "
            "Transparenz, Beteiligung und Nutzen, vierstufige Zustimmungsskala."
        ),
        "target_group": "akteure",
        "items": [
            ("A1", "Transparenz", "Ich bin über die Ziele des Regionalen Bildungsnetzwerks (RBN) gut informiert."),
            ("A2", "Transparenz", "Ich bin über die Handlungsfelder des RBN gut informiert."),
            ("A3", "Transparenz", "Die Gremien des RBN sind mir bekannt."),
            ("A4", "Beteiligung", "Die Bildungseinrichtungen in Ihrer Region werden angemessen in Planungen des RBN einbezogen."),
            ("A5", "Beteiligung", "Die Vertretung der Bildungseinrichtungen in den Gremien des RBN ist angemessen."),
            ("A6", "Beteiligung", "Kooperationen werden strukturell abgesichert."),
            ("A7", "Nutzen", "Der Austausch mit anderen Bildungsakteuren im RBN ist sehr hilfreich für uns."),
            ("A8", "Nutzen", "Das RBN hat dazu beigetragen, dass sich die Bedingungen in unserer Kommune zur Umsetzung von Maßnahmen verbessert haben."),
            ("A9", "Nutzen", "Ich bin persönlich sehr stark motiviert, im RBN mitzuarbeiten."),
        ],
    },
    {
        "code": "rbn-buergermeister",
        "title": "RBN-Befragung Bürgermeisterinnen und Bürgermeister",
        "description": (
            "Befragung der Bürgermeisterinnen und Bürgermeister der kreisangehörigen Städte "
            "und Gemeinden zu Transparenz, Beteiligung und Nutzen, vierstufige "
            "Zustimmungsskala."
        ),
        "target_group": "buergermeister",
        "items": [
            ("B1", "Transparenz", "Meine Kommune ist über die Ziele des Regionalen Bildungsnetzwerks (RBN) gut informiert."),
            ("B2", "Transparenz", "Die Gremien des RBN und ihre Zuständigkeiten/Aufgaben sind bekannt."),
            ("B3", "Transparenz", "Ich informiere in der politischen Vertretung meiner Kommune regelmäßig über die Arbeit des RBN."),
            ("B4", "Beteiligung", "Meine Kommune ist in den Gremien des RBN vertreten."),
            ("B5", "Beteiligung", "Ich kann die Interessen meiner Kommune in zufriedenstellendem Maße in das RBN einbringen."),
            ("B6", "Nutzen", "Kooperationen werden nachhaltig verankert."),
            ("B7", "Nutzen", "Der Austausch mit anderen Akteuren des RBN ist sehr hilfreich für uns."),
            ("B8", "Nutzen", "Abstimmungsprozesse mit anderen Akteuren sind durch das RBN leichter geworden."),
            ("B9", "Nutzen", "Die Struktur des RBN ist geeignet, Verbesserungen in der Bildungsregion zu erreichen."),
        ],
    },
]  # fmt: skip


def load(apps, schema_editor=None) -> None:
    """Create the built-in instruments unless they exist (by code)."""
    Instrument = apps.get_model("surveys", "Instrument")
    Dimension = apps.get_model("surveys", "Dimension")
    Item = apps.get_model("surveys", "Item")
    for spec in INSTRUMENTS:
        if Instrument.objects.filter(code=spec["code"]).exists():
            continue
        instrument = Instrument.objects.create(
            code=spec["code"],
            title=spec["title"],
            description=spec["description"],
            target_group=spec["target_group"],
            builtin=True,
        )
        dims = {
            name: Dimension.objects.create(instrument=instrument, name=name, position=pos)
            for pos, name in enumerate(DIMENSIONS, start=1)
        }
        for pos, (code, dim, text) in enumerate(spec["items"], start=1):
            Item.objects.create(
                instrument=instrument,
                dimension=dims[dim],
                code=code,
                text=text,
                kind="zustimmung",
                position=pos,
            )


def unload(apps, schema_editor=None) -> None:
    Instrument = apps.get_model("surveys", "Instrument")
    for inst in Instrument.objects.filter(code__in=[s["code"] for s in INSTRUMENTS]):
        if not inst.surveys.exists():
            inst.items.all().delete()
            inst.dimensions.all().delete()
            inst.delete()
