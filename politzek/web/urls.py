from django.urls import path

from politzek.web.public import accountability, deals, letters, simulator, statistics, this_week, views
from politzek.web.public.feed import PersonEvents, RecognitionsAndReleases

# Public pages; politzek/urls.py serves them under a language prefix (/ru/, /be/, /uk/; none
# for English).
urlpatterns = [
    path("", views.people, name="people"),
    path("people.csv", views.people_csv, name="people_csv"),
    path("people/<id:person_id>/", views.person, name="person"),
    path("people/<id:person_id>/feed.atom", PersonEvents(), name="person_feed"),
    path("people/<id:person_id>/letter/", letters.letter, name="letter"),
    path("cases/<id:case_id>/", views.case, name="case"),
    path("facilities/<id:facility_id>/", views.facility, name="facility"),
    path("officials/<id:official_id>/", views.official, name="official"),
    path("statistics/", statistics.statistics, name="statistics"),
    path("statistics.csv", statistics.statistics_csv, name="statistics_csv"),
    path("statistics/charts/<slug:name>.svg", statistics.chart, name="chart"),
    path("statistics/charts/<slug:name>.png", statistics.chart, {"form": "png"}, name="chart_png"),
    path("deals/", deals.deals, name="deals"),
    path("deals/price.svg", deals.price_svg, name="deals_price_chart"),
    path("deals/<id:deal_id>/", deals.deal, name="deal"),
    path("deals/<id:deal_id>/impact.svg", deals.impact_svg, name="deal_impact_chart"),
    path("accountability/", accountability.cost, name="cost"),
    path("accountability/index.svg", accountability.cost_svg, name="cost_chart"),
    path("simulator/", simulator.simulator, name="simulator"),
    path("simulator/results.json", simulator.simulator_json, name="simulator_json"),
    path("simulator/<slug:name>.svg", simulator.simulator_chart, name="simulator_chart"),
    path("feed.atom", RecognitionsAndReleases(), name="feed"),
    path("this-week/", this_week.this_week, name="this_week"),
    path("this-week.ics", this_week.this_week_ics, name="this_week_ics"),
    path("this-week.atom", this_week.ThisWeekFeed(), name="this_week_feed"),
]
