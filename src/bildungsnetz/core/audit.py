"""Named audit actions (``<app>.<model>.<verb>``) with their German sentences."""

from django.utils.translation import gettext_lazy as _

from .models import AuditEntry

ACTIONS = {
    "schools.school.supplement_changed": _("hat Förderschwerpunkte/Bildungsbereich geändert"),
    "schools.register.imported": _("hat das Schulregister importiert"),
    "core.page.changed": _("hat eine Inhaltsseite geändert"),
    "core.page.reset": _("hat eine Inhaltsseite auf den Vorgabetext zurückgesetzt"),
    "core.membership.created": _("hat eine Rolle vergeben"),
    "catalogue.material.created": _("hat einen Katalogeintrag angelegt"),
    "catalogue.provider.created": _("hat einen Anbieter im Katalog angelegt"),
    "catalogue.material.changed": _("hat einen Katalogeintrag geändert"),
    "catalogue.material.submitted": _("hat einen Katalogeintrag zur Prüfung eingereicht"),
    "catalogue.material.published": _("hat einen Katalogeintrag veröffentlicht"),
    "catalogue.material.returned": _("hat einen Katalogeintrag zur Überarbeitung zurückgegeben"),
    "catalogue.material.archived": _("hat einen Katalogeintrag archiviert"),
    "catalogue.material.restored": _("hat einen Katalogeintrag wiederhergestellt"),
    "catalogue.material.merged": _("hat eine Dublette im Katalog zusammengeführt"),
    "catalogue.plan.item_added": _("hat ein Material in den Unterstützungsplan übernommen"),
    "catalogue.plan.item_changed": _("hat einen Eintrag im Unterstützungsplan geändert"),
    "catalogue.plan.item_removed": _("hat einen Eintrag aus dem Unterstützungsplan entfernt"),
    "catalogue.plan.shared": _("hat den Unterstützungsplan für die Schulaufsicht freigegeben"),
    "catalogue.plan.unshared": _("hat die Freigabe des Unterstützungsplans zurückgenommen"),
    "partners.institution.created": _("hat eine Einrichtung angelegt"),
    "partners.institution.changed": _("hat eine Einrichtung geändert"),
    "partners.institution.registered": _("hat eine Einrichtung zur Prüfung angemeldet"),
    "partners.institution.verified": _("hat eine Einrichtung geprüft und freigegeben"),
    "partners.membership.created": _("hat ein Konto mit einer Einrichtung verbunden"),
    "partners.contact.saved": _("hat eine Ansprechperson einer Einrichtung gespeichert"),
    "partners.offer.created": _("hat ein Lernangebot angelegt"),
    "partners.offer.changed": _("hat ein Lernangebot geändert"),
    "partners.partnership.created": _("hat eine Bildungspartnerschaft entworfen"),
    "partners.partnership.changed": _("hat den Entwurf einer Bildungspartnerschaft geändert"),
    "partners.partnership.signed": _("hat eine Unterschrift zur Vereinbarung erfasst"),
    "partners.partnership.schulkonferenz_recorded": _(
        "hat die Zustimmung der Schulkonferenz erfasst"
    ),
    "partners.partnership.submitted": _("hat eine Bildungspartnerschaft eingereicht"),
    "partners.partnership.registered": _("hat eine Bildungspartnerschaft registriert"),
    "partners.partnership.returned": _("hat eine Vereinbarung zur Überarbeitung zurückgegeben"),
    "partners.partnership.published": _("hat eine Bildungspartnerschaft veröffentlicht"),
    "partners.partnership.paused": _("hat eine Bildungspartnerschaft ruhend gestellt"),
    "partners.partnership.resumed": _("hat eine ruhende Bildungspartnerschaft wieder aufgenommen"),
    "partners.partnership.ended": _("hat eine Bildungspartnerschaft beendet"),
    "partners.partnership.confirmed": _("hat bestätigt, dass die Bildungspartnerschaft aktiv ist"),
    "partners.partnership.contacts_changed": _("hat eine Ansprechperson der Partnerschaft ersetzt"),
    "partners.partnership.renewal_reminded": _("hat an das Ende der Vereinbarung erinnert"),
    "partners.partnership.confirmation_requested": _(
        "hat um Bestätigung gebeten, dass die Partnerschaft aktiv ist"
    ),
    "partners.need.created": _("hat einen Bedarf in der Bedarfsbörse eingestellt"),
    "partners.need.changed": _("hat einen Bedarf in der Bedarfsbörse geändert"),
    "partners.need.closed": _("hat einen Bedarf in der Bedarfsbörse geschlossen"),
    "partners.need.answered": _("hat auf einen Bedarf in der Bedarfsbörse geantwortet"),
    "partners.search.saved": _("hat eine Partnersuche mit Benachrichtigung gespeichert"),
    "partners.search.deleted": _("hat eine gespeicherte Partnersuche gelöscht"),
    "partners.search.alert_sent": _("hat über Neues zu einer gespeicherten Suche benachrichtigt"),
    "network.network.changed": _("hat die Angaben eines Bildungsnetzwerks geändert"),
    "network.organisation.created": _("hat eine Organisation im Netzwerk angelegt"),
    "network.organisation.changed": _("hat eine Organisation im Netzwerk geändert"),
    "network.person.created": _("hat eine Person im Netzwerk angelegt"),
    "network.person.changed": _("hat eine Person im Netzwerk geändert"),
    "network.person.exported": _("hat die Daten einer Person exportiert (DSGVO)"),
    "network.person.erased": _("hat eine Person anonymisiert (DSGVO)"),
    "network.body.created": _("hat ein Gremium angelegt"),
    "network.body.changed": _("hat ein Gremium geändert"),
    "network.membership.created": _("hat eine Mitgliedschaft angelegt"),
    "network.membership.ended": _("hat eine Mitgliedschaft beendet"),
    "network.membership.imported": _("hat Mitglieder eines Gremiums importiert"),
    "network.handlungsfeld.created": _("hat ein Handlungsfeld angelegt"),
    "network.handlungsfeld.changed": _("hat ein Handlungsfeld geändert"),
    "network.handlungsfeld.reported": _("hat den Stand eines Handlungsfelds erfasst"),
    "network.meeting.created": _("hat eine Sitzung angelegt"),
    "network.meeting.changed": _("hat eine Sitzung oder ihr Protokoll geändert"),
    "network.meeting.invited": _("hat zu einer Sitzung eingeladen"),
    "network.agendaitem.created": _("hat einen Tagesordnungspunkt angelegt"),
    "network.attendance.recorded": _("hat die Teilnahme an einer Sitzung erfasst"),
    "network.decision.created": _("hat einen Beschluss oder eine Empfehlung erfasst"),
    "network.workorder.created": _("hat einen Arbeitsauftrag erteilt"),
    "network.workorder.transitioned": _("hat den Stand eines Arbeitsauftrags geändert"),
    "network.workorder.reminded": _("hat an einen Arbeitsauftrag erinnert"),
    "network.figures.saved": _("hat Kennzahlen einer Region gespeichert"),
    "network.practiceexample.created": _("hat ein Praxisbeispiel angelegt"),
    "network.practiceexample.changed": _("hat ein Praxisbeispiel geändert"),
    "network.meetingdocument.created": _("hat ein Sitzungsdokument hochgeladen"),
    "network.workorder.commented": _("hat einen Arbeitsauftrag kommentiert"),
    "network.person.retention_anonymised": _(
        "hat eine inaktive Person nach Ablauf der Aufbewahrungsfrist anonymisiert"
    ),
    "network.selfevaluation.saved": _("hat die Selbstbewertung eines Bildungsnetzwerks erfasst"),
    "network.newsitem.created": _("hat eine Neuigkeit angelegt"),
    "network.newsitem.changed": _("hat eine Neuigkeit geändert"),
    "network.newsitem.newsletter_requested": _("hat eine Neuigkeit als Newsletter versendet"),
    "network.newslettersubscription.requested": _("hat ein Newsletter-Abonnement angefragt"),
    "network.newslettersubscription.confirmed": _("hat ein Newsletter-Abonnement bestätigt"),
    "network.newslettersubscription.unsubscribed": _("hat einen Newsletter abbestellt"),
    "api.token.created": _("hat einen API-Schlüssel angelegt"),
    "api.token.revoked": _("hat einen API-Schlüssel widerrufen"),
    "surveys.instrument.created": _("hat einen Fragebogen angelegt"),
    "surveys.instrument.changed": _("hat einen Fragebogen geändert"),
    "surveys.item.created": _("hat einem Fragebogen eine Frage hinzugefügt"),
    "surveys.item.changed": _("hat eine Frage eines Fragebogens geändert"),
    "surveys.survey.created": _("hat eine Befragung angelegt"),
    "surveys.survey.changed": _("hat eine Befragung geändert"),
    "surveys.survey.opened": _("hat eine Befragung gestartet"),
    "surveys.survey.closed": _("hat eine Befragung beendet"),
    "surveys.invitation.added": _("hat Einladungen zu einer Befragung erfasst"),
    "surveys.invitation.offline_set": _("hat die Zahl der Papiereinladungen erfasst"),
    "surveys.invitation.sent": _("hat Einladungen zu einer Befragung versandt"),
    "surveys.invitation.resent": _("hat eine Einladung zu einer Befragung erneut versandt"),
    "surveys.response.imported": _("hat Antwortbögen einer Befragung importiert"),
}


def log(action: str, *, actor, obj, region=None, data: dict | None = None) -> AuditEntry:
    if action not in ACTIONS:
        raise ValueError(f"Unbekannte Protokollaktion: {action}")
    return AuditEntry.objects.create(
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        region=region,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        data=data or {},
    )


def describe(entry: AuditEntry) -> str:
    return str(ACTIONS.get(entry.action, entry.action))


# Change reasons stored with field-level history (simple_history) → German labels.
REASONS = {
    "schools.register.imported": _("Import des amtlichen Schulregisters"),
    "schools.school.supplement_changed": _("Förderschwerpunkte/Bildungsbereich erfasst"),
    "core.page.created": _("Seite mit Vorgabetext angelegt"),
    "core.page.changed": _("Seite bearbeitet"),
    "core.page.reset": _("auf den Vorgabetext zurückgesetzt"),
}


def reason_label(reason: str) -> str:
    """A readable label for a history change reason; free-text reasons stay as they are."""
    return str(REASONS.get(reason, reason))
