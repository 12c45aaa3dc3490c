from django.urls import path

from approvals.authority import views
from approvals.periods import calendar_views as calendar
from approvals.periods import views as periods
from approvals.posts.views import deciding, writing
from approvals.records import views as records

app_name = "approvals"

urlpatterns = [
    path("posts/", writing.post_list, name="posts"),
    path("posts/new/", writing.post_create, name="post_create"),
    path("posts/<int:pk>/", writing.post_detail, name="post"),
    path("posts/<int:pk>/edit/", writing.post_edit, name="post_edit"),
    path("posts/<int:pk>/submit/", writing.post_submit, name="post_submit"),
    path("posts/<int:pk>/submitted/", writing.post_submitted, name="post_submitted"),
    path("posts/<int:pk>/withdraw/", writing.post_withdraw, name="post_withdraw"),
    path("posts/<int:pk>/new-time/", writing.post_reopen, name="post_reopen"),
    path("posts/<int:pk>/release/", periods.post_release, name="post_release"),
    path("posts/<int:pk>/published/", writing.post_publication, name="post_publication"),
    path("posts/<int:pk>/record/", records.record, name="record"),
    path("records/", records.RegisterView.as_view(), name="register"),
    path("records/audit-trail/", records.AuditTrailView.as_view(), name="audit_trail_export"),
    path("approvals/", deciding.queue, name="queue"),
    path("approvals/<int:pk>/", deciding.decide, name="decide"),
    path("approvals/<int:pk>/decided/", deciding.decided, name="decided"),
    path("calendar/", calendar.current_month, name="calendar"),
    path("calendar/<int:year>/<int:month>/", calendar.all_departments, name="calendar_month"),
    path(
        "calendar/<slug:slug>/<int:year>/<int:month>/",
        calendar.department_month,
        name="calendar_department",
    ),
    path("calendar/feed/", calendar.feed_page, name="calendar_feed"),
    path("calendar/feed/renew/", calendar.feed_renew, name="calendar_feed_renew"),
    path("calendar/feed/<str:token>.ics", calendar.feed_ics, name="calendar_feed_ics"),
    path("periods/", periods.period_list, name="periods"),
    path("periods/new/", periods.period_create, name="period_create"),
    path("periods/stop/", periods.period_stop, name="period_stop"),
    path("periods/<int:pk>/", periods.period_detail, name="period"),
    path("periods/<int:pk>/edit/", periods.period_edit, name="period_edit"),
    path("periods/<int:pk>/end/", periods.period_end, name="period_end"),
    path("cover/", views.cover, name="cover"),
    path("cover/<int:pk>/withdraw/", views.cover_withdraw, name="cover_withdraw"),
    path("departments/", views.departments, name="departments"),
    path("departments/<slug:slug>/", views.department, name="department"),
    path("departments/<slug:slug>/grant/", views.department_grant, name="department_grant"),
    path("departments/<slug:slug>/policy/", views.department_policy, name="department_policy"),
    path(
        "departments/<slug:slug>/reminders/",
        views.department_reminders,
        name="department_reminders",
    ),
    path(
        "departments/<slug:slug>/withdraw/",
        views.department_withdraw,
        name="department_withdraw",
    ),
]
