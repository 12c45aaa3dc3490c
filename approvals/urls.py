from django.urls import path

from approvals import views

app_name = "approvals"

urlpatterns = [
    path("posts/", views.post_list, name="posts"),
    path("posts/new/", views.post_create, name="post_create"),
    path("posts/<int:pk>/", views.post_detail, name="post"),
    path("posts/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("posts/<int:pk>/submit/", views.post_submit, name="post_submit"),
    path("posts/<int:pk>/withdraw/", views.post_withdraw, name="post_withdraw"),
    path("posts/<int:pk>/new-time/", views.post_reopen, name="post_reopen"),
    path("posts/<int:pk>/published/", views.post_publication, name="post_publication"),
    path("approvals/", views.queue, name="queue"),
    path("approvals/<int:pk>/", views.decide, name="decide"),
    path("cover/", views.cover, name="cover"),
    path("cover/<int:pk>/withdraw/", views.cover_withdraw, name="cover_withdraw"),
    path("departments/", views.departments, name="departments"),
    path("departments/<slug:slug>/", views.department, name="department"),
]
