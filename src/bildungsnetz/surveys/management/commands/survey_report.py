import json

from django.core.management.base import BaseCommand, CommandError

from ...models import Survey
from ...report import build_report, report_json, round_half_up


def _pct(value, suppressed, threshold) -> str:
    if suppressed:
        return f"weniger als {threshold} Antworten"
    if value is None:
        return "keine gültigen Antworten"
    return f"{round_half_up(value)} %"


class Command(BaseCommand):
    help = (
        "Auswertung einer Befragung: Zustimmung je Frage und Dimension, Rücklauf je Region. "
        "Gruppen unter der Anonymitätsschwelle werden nicht ausgewiesen."
    )

    def add_arguments(self, parser):
        parser.add_argument("survey_id", type=int, help="Nummer der Befragung")
        parser.add_argument(
            "--json", action="store_true", help="genau ein JSON-Objekt mit vollen Nachkommastellen"
        )

    def handle(self, *args, survey_id, **options):
        try:
            survey = Survey.objects.select_related("instrument").get(pk=survey_id)
        except Survey.DoesNotExist as exc:
            raise CommandError(
                f"Befragung {survey_id}: keine Befragung mit dieser Nummer."
            ) from exc
        report = build_report(survey)
        if options["json"]:
            self.stdout.write(json.dumps(report_json(report), ensure_ascii=False))
            return
        t = report.threshold
        out = self.stdout.write
        out(f"{survey.title} ({survey.instrument.title}, {report.target_group_label})")
        out(f"Anonymitätsschwelle: {t} Antworten")
        o = report.overall
        responded = "–" if o.suppressed else str(o.responded)
        out(
            f"Rücklauf gesamt: {responded} von {o.invited} "
            f"({_pct(o.response_rate, o.suppressed, t)})"
        )
        out("")
        out(f"{'Frage':<8} {'Dimension':<16} {'n':>5}  {'Zustimmung':<26} Min–Max (Regionen)")
        for r in report.items:
            n = "–" if r.overall.n is None else str(r.overall.n)
            span = (
                "–"
                if r.minimum is None
                else f"{round_half_up(r.minimum)} % – {round_half_up(r.maximum)} %"
            )
            out(
                f"{r.item.code:<8} {r.dimension_name[:16]:<16} {n:>5}  "
                f"{_pct(r.overall.pct, r.overall.suppressed, t):<26} {span}"
            )
        out("")
        out(f"{'Dimension':<25} {'Zustimmung':<26} Min–Max (Regionen)")
        for d in report.dimensions:
            span = (
                "–"
                if d.minimum is None
                else f"{round_half_up(d.minimum)} % – {round_half_up(d.maximum)} %"
            )
            out(
                f"{(d.name or 'ohne Dimension')[:25]:<25} "
                f"{_pct(d.overall.pct, d.overall.suppressed, t):<26} {span}"
            )
        out("")
        out(f"{'AGS':<6} {'Region':<32} {'eingeladen':>10} {'geantwortet':>11}  Rücklauf")
        for row in report.regions:
            responded = "–" if row.suppressed else str(row.responded)
            out(
                f"{row.region.ags:<6} {row.region.name[:32]:<32} {row.invited:>10} "
                f"{responded:>11}  {_pct(row.response_rate, row.suppressed, t)}"
            )
