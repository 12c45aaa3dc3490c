from django.urls import path

from approvals.advice import views as advice
from approvals.authority import views
from approvals.comments import views as comments
from approvals.notices import views as notices
from approvals.periods import calendar_views as calendar
from approvals.periods import views as periods
from approvals.posts.images import files as image_files
from approvals.posts.images import views as images
from approvals.posts.views import deciding, non_disclosure, post_page, writing
from approvals.records import views as records
from approvals.reports import views as reports

app_name = "approvals"

urlpatterns = [
    path("posts/", writing.post_list, name="posts"),
    path("posts/new/", writing.post_create, name="post_create"),
    path("posts/<int:pk>/", post_page.post_detail, name="post"),
    path("posts/<int:pk>/edit/", writing.post_edit, name="post_edit"),
    path("posts/<int:pk>/submit/", post_page.post_submit, name="post_submit"),
    path("posts/<int:pk>/submitted/", post_page.post_submitted, name="post_submitted"),
    path("posts/<int:pk>/withdraw/", writing.post_withdraw, name="post_withdraw"),
    path("posts/<int:pk>/new-time/", writing.post_reopen, name="post_reopen"),
    path("posts/<int:pk>/release/", periods.post_release, name="post_release"),
    path("posts/<int:pk>/published/", writing.post_publication, name="post_publication"),
    path("posts/<int:pk>/comments/", comments.post_comments, name="post_comments"),
    path("comments/<int:pk>/change/", comments.comment_change, name="comment_change"),
    path("comments/<int:pk>/withdraw/", comments.comment_withdraw, name="comment_withdraw"),
    path("notices/", notices.notice_list, name="notices"),
    path("notices/<int:pk>/", notices.notice_open, name="notice"),
    path(
        "posts/<int:pk>/non-disclosure/",
        non_disclosure.ask,
        name="post_non_disclosure",
    ),
    path(
        "posts/<int:pk>/non-disclosure/decide/",
        non_disclosure.decide,
        name="post_non_disclosure_decide",
    ),
    path("advice/", advice.advice_list, name="advice_list"),
    path("advice/new/", advice.advice_ask, name="advice_ask"),
    path("advice/waiting/", advice.advice_waiting, name="advice_waiting"),
    path("advice/<int:pk>/", advice.advice_detail, name="advice"),
    path("advice/<int:pk>/answer/", advice.advice_answer, name="advice_answer"),
    path("posts/<int:pk>/images/", images.post_images, name="post_images"),
    path("posts/<int:pk>/images/upload/", images.post_image_upload, name="post_image_upload"),
    path("posts/<int:pk>/images/choose/", images.post_image_choose, name="post_image_choose"),
    path("posts/<int:pk>/images/<int:attached_pk>/", images.post_image, name="post_image"),
    path(
        "posts/<int:pk>/images/<int:attached_pk>/remove/",
        images.post_image_remove,
        name="post_image_remove",
    ),
    path(
        "posts/<int:pk>/image-files/<int:image_pk>/<str:spec>/",
        image_files.post_image_file,
        name="post_image_file",
    ),
    path(
        "image-library/<int:image_pk>/<str:spec>/",
        image_files.library_image_file,
        name="library_image_file",
    ),
    path(
        "posts/<int:pk>/images/<int:attached_pk>/move/",
        images.post_image_move,
        name="post_image_move",
    ),
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
    path("reports/", reports.reports, name="reports"),
    path("reports/csv/", reports.reports_csv, name="reports_csv"),
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
