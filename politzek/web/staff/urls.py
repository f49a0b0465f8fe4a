from django.urls import path

from politzek.web.staff import audit, duplicates, proposals, vetting, views

app_name = "staff"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("", views.dashboard, name="dashboard"),
    path("audit/", audit.audit, name="audit"),
    path("duplicates/", duplicates.queue, name="duplicates"),
    path("duplicates/<id:left_id>/<id:right_id>/decide/", duplicates.decide, name="decide"),
    path("merges/", duplicates.merges, name="merges"),
    path("merges/<id:merge_id>/undo/", duplicates.undo, name="undo_merge"),
    path("vet/", vetting.vet, name="vet"),
    path("vet/jobs/<id:job_id>/", vetting.vet_job, name="vet_job"),
    path("vet/jobs/<id:job_id>/report.<str:form>", vetting.vet_job_report, name="vet_job_report"),
    path("deals/new/", vetting.add_deal, name="add_deal"),
    path("lists/", vetting.exchange_lists, name="exchange_lists"),
    path("lists/<id:list_id>/", vetting.exchange_list, name="exchange_list"),
    path("proposals/", proposals.proposals, name="proposals"),
    path("proposals/run/", proposals.run, name="run_cost"),
    path("proposals/<id:proposal_id>/status/", proposals.change_status, name="proposal_status"),
    path("proposals/export.<str:form>", proposals.export, name="export_proposals"),
    path("officials/matches/", proposals.official_matches, name="official_matches"),
    path("officials/matches/<id:match_id>/decide/", proposals.decide_match, name="decide_official_match"),
    path("people/new/", views.add_person, name="add_person"),
    path("people/<id:person_id>/edit/", views.edit_person, name="edit_person"),
    path("people/<id:person_id>/events/new/", views.add_event, name="add_event"),
    path("events/<id:event_id>/edit/", views.edit_event, name="edit_event"),
    path("people/<id:person_id>/sources/new/", views.add_source, name="add_source"),
    path("people/<id:person_id>/history/", views.person_history, name="history"),
    path("people/<id:person_id>/history/<slug:model>/<id:history_id>/restore/", views.restore, name="restore"),
]
