"""The baseline of the page benchmarks: the smallest Django site, one view answering "ok".

It runs from hemorehab's virtualenv under the same waitress as `hemorehab serve`, with no
middleware, no templates and no database, so its latency is the cost of waitress, the WSGI
handler and URL resolution: what a hemorehab page costs on top of that is the page's own work.
Served by bench/prefork_serve.py (`minimal_site:application`); not a benchmark itself.
"""

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

SECRET_KEY = "bench-only-minimal-site-not-secret"  # answers "ok" on loopback, signs nothing
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "minimal_site"
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict = {}
USE_I18N = False
USE_TZ = True


def ok(request):
    response = HttpResponse("ok", content_type="text/plain")
    # As CommonMiddleware does on hemorehab's pages: without a length waitress would chunk the
    # answer and close the connection, and the baseline would pay a new connection a request.
    response["Content-Length"] = str(len(response.content))
    return response


urlpatterns = [path("", ok)]

application = get_wsgi_application()
