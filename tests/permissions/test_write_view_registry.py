"""Every URL of the product is classified; every write view has a permission grid.

A new view that is missing here fails this test, so no write surface goes unprobed.
"""

from django.urls import URLPattern, URLResolver, get_resolver

# url name -> the test module that proves cross-region/role changes are refused.
WRITE_VIEWS = {
    "schools:supplement_edit": "tests/permissions/test_school_supplement.py",
    "core:page_edit": "tests/permissions/test_page_edit.py",
    # Public form without login: stores feedback only, changes no shared record.
    "core:feedback": "tests/core/test_feedback.py",
    "catalogue:material_create": "tests/permissions/test_catalogue_editorial.py",
    "catalogue:material_edit": "tests/permissions/test_catalogue_editorial.py",
    "catalogue:material_transition": "tests/permissions/test_catalogue_editorial.py",
    "catalogue:material_merge": "tests/permissions/test_catalogue_editorial.py",
    "catalogue:material_check_link": "tests/permissions/test_catalogue_editorial.py",
    "catalogue:plan_add": "tests/permissions/test_catalogue_plan.py",
    "catalogue:plan_item_edit": "tests/permissions/test_catalogue_plan.py",
    "catalogue:plan_item_delete": "tests/permissions/test_catalogue_plan.py",
    "catalogue:plan_share": "tests/permissions/test_catalogue_plan.py",
    "network:network_edit": "tests/permissions/test_network_write_views.py",
    "network:figures_edit": "tests/permissions/test_network_write_views.py",
    "network:organisation_create": "tests/permissions/test_network_write_views.py",
    "network:organisation_edit": "tests/permissions/test_network_write_views.py",
    "network:person_create": "tests/permissions/test_network_write_views.py",
    "network:person_edit": "tests/permissions/test_network_write_views.py",
    "network:person_export_json": "tests/permissions/test_network_write_views.py",
    "network:person_export_csv": "tests/permissions/test_network_write_views.py",
    "network:person_erase": "tests/permissions/test_network_write_views.py",
    "network:body_create": "tests/permissions/test_network_write_views.py",
    "network:body_edit": "tests/permissions/test_network_write_views.py",
    "network:membership_create": "tests/permissions/test_network_write_views.py",
    "network:membership_end": "tests/permissions/test_network_write_views.py",
    "network:members_import": "tests/permissions/test_network_write_views.py",
    "network:handlungsfeld_create": "tests/permissions/test_network_write_views.py",
    "network:handlungsfeld_edit": "tests/permissions/test_network_write_views.py",
    "network:handlungsfeld_report": "tests/permissions/test_network_write_views.py",
    "network:meeting_create": "tests/permissions/test_network_write_views.py",
    "network:meeting_edit": "tests/permissions/test_network_write_views.py",
    "network:agenda_create": "tests/permissions/test_network_write_views.py",
    "network:attendance_edit": "tests/permissions/test_network_write_views.py",
    "network:decision_create": "tests/permissions/test_network_write_views.py",
    "network:meeting_invite": "tests/permissions/test_network_write_views.py",
    "network:workorder_create": "tests/permissions/test_network_write_views.py",
    "network:workorder_transition": "tests/permissions/test_network_write_views.py",
    "network:practice_create": "tests/permissions/test_network_write_views.py",
    "network:practice_edit": "tests/permissions/test_network_write_views.py",
    "network:document_create": "tests/permissions/test_network_write_views.py",
    "network:workorder_comment_create": "tests/permissions/test_network_write_views.py",
    "network:selfevaluation_edit": "tests/permissions/test_network_write_views.py",
    "network:news_create": "tests/permissions/test_network_write_views.py",
    "network:news_edit": "tests/permissions/test_network_write_views.py",
    "network:news_send": "tests/permissions/test_network_write_views.py",
    # Public newsletter forms: only the visitor's own subscription (signed tokens).
    "network:newsletter": "tests/permissions/test_network_write_views.py",
    "network:newsletter_confirm": "tests/permissions/test_network_write_views.py",
    "network:newsletter_unsubscribe": "tests/permissions/test_network_write_views.py",
    "partners:partnership_create": "tests/permissions/test_partners_partnership.py",
    "partners:partnership_edit": "tests/permissions/test_partners_partnership.py",
    "partners:partnership_sign": "tests/permissions/test_partners_partnership.py",
    "partners:partnership_schulkonferenz": "tests/permissions/test_partners_partnership.py",
    "partners:partnership_transition": "tests/permissions/test_partners_partnership.py",
    "partners:partnership_confirm": "tests/permissions/test_partners_partnership.py",
    "partners:partnership_contacts_edit": "tests/permissions/test_partners_partnership.py",
    "partners:institution_create": "tests/permissions/test_partners_institution.py",
    "partners:institution_edit": "tests/permissions/test_partners_institution.py",
    "partners:institution_verify": "tests/permissions/test_partners_institution.py",
    "partners:institution_import": "tests/permissions/test_partners_institution.py",
    # Public self-registration: stores an unverified institution, not public until verified.
    "partners:institution_register": "tests/permissions/test_partners_institution.py",
    "partners:contact_create": "tests/permissions/test_partners_institution.py",
    "partners:contact_edit": "tests/permissions/test_partners_institution.py",
    "partners:offer_create": "tests/permissions/test_partners_institution.py",
    "partners:offer_edit": "tests/permissions/test_partners_institution.py",
    "partners:need_create": "tests/permissions/test_partners_needs.py",
    "partners:need_edit": "tests/permissions/test_partners_needs.py",
    "partners:need_close": "tests/permissions/test_partners_needs.py",
    "partners:need_answer": "tests/permissions/test_partners_needs.py",
    "partners:search_save": "tests/permissions/test_partners_needs.py",
    "partners:search_delete": "tests/permissions/test_partners_needs.py",
    # Own API keys only (the boundary is the account, not the region).
    "api:token_create": "tests/permissions/test_api_tokens.py",
    "api:token_revoke": "tests/permissions/test_api_tokens.py",
    "surveys:create": "tests/permissions/test_surveys.py",
    "surveys:edit": "tests/permissions/test_surveys.py",
    "surveys:open": "tests/permissions/test_surveys.py",
    "surveys:close": "tests/permissions/test_surveys.py",
    "surveys:invitations": "tests/permissions/test_surveys.py",
    "surveys:invitations_send": "tests/permissions/test_surveys.py",
    "surveys:invitation_resend": "tests/permissions/test_surveys.py",
    "surveys:import": "tests/permissions/test_surveys.py",
    "surveys:instrument_create": "tests/permissions/test_surveys.py",
    "surveys:instrument_edit": "tests/permissions/test_surveys.py",
    "surveys:item_create": "tests/permissions/test_surveys.py",
    "surveys:item_edit": "tests/permissions/test_surveys.py",
    # Public answer form: only with a valid one-time token, stores an anonymous sheet.
    "surveys:answer": "tests/permissions/test_surveys.py",
}
READ_ONLY_PREFIXES = (
    "regions:",
    "schools:",
    "core:",
    "api-v1:",
    "catalogue:",
    "partners:",
    "network:",
    # Dashboards only (GET/HEAD, see tests/monitoring/test_dashboard.py); no write views.
    "monitoring:",
)
THIRD_PARTY_PREFIXES = ("admin:", "account_", "mfa_", "set_language", "socialaccount_")


def _names(resolver, prefix=""):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{p.namespace}:" if p.namespace else ""
            yield from _names(p, prefix + ns)
        elif isinstance(p, URLPattern) and p.name:
            yield prefix + p.name


def test_every_write_view_has_a_permission_test():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for name, test_file in WRITE_VIEWS.items():
        assert (root / test_file).exists(), f"{name}: permission test {test_file} missing"


def test_every_url_of_ours_is_classified():
    """Views whose name suggests writing (edit/create/delete/…) must be listed above."""
    write_words = (
        "edit",
        "create",
        "delete",
        "new",
        "update",
        "import",
        "submit",
        "sign",
        "approve",
        "bearbeiten",
    )
    unclassified = []
    for name in _names(get_resolver()):
        if name.startswith(THIRD_PARTY_PREFIXES) or name in WRITE_VIEWS:
            continue
        if any(word in name for word in write_words):
            unclassified.append(name)
    assert unclassified == [], f"write views without permission test: {unclassified}"


def test_api_unsafe_methods_are_probed():
    """Unsafe API operations are allowed only behind authentication; the cross-region probe
    in tests/security/test_api_probes.py then calls each of them with foreign tokens."""
    from tests.security.test_api_probes import PUBLIC_OPERATIONS, UNSAFE, operations

    unprotected = [
        f"{method.upper()} {path}"
        for method, path, op in operations()
        if method in UNSAFE
        and (not op.get("security") or f"{method.upper()} {path}" in PUBLIC_OPERATIONS)
    ]
    assert unprotected == [], f"API write routes without authentication and probe: {unprotected}"
