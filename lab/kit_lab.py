"""The kit's JupyterLab server: Debian's jupyter-server and jupyterlab-server
serving the JupyterLab 3.6 front end that scripts/lab/build-lab.sh bundles from
npm into build/lab/static. Modelled on JupyterLab's examples/app/main.py.

    /usr/bin/python3 lab/kit_lab.py [--ServerApp.* options]

Settings and workspaces a learner changes are kept in build/lab/user-settings
and build/lab/workspaces. MathJax comes from Debian's libjs-mathjax (served at
kit-mathjax/) instead of the CDN jupyterlab-server would otherwise name.
"""
import json
import os
import sys

from jupyter_server.utils import url_path_join
from jupyterlab_server import LabServerApp
from tornado.web import StaticFileHandler

HERE = os.path.dirname(os.path.abspath(__file__))
KIT_ROOT = os.path.dirname(HERE)
BUILD = os.environ.get("KIT_LAB_BUILD", os.path.join(KIT_ROOT, "build", "lab"))
STATIC = os.path.join(BUILD, "static")
MATHJAX_DIR = "/usr/share/javascript/mathjax"


def _version():
    """The @jupyterlab/application version the bundle was built from."""
    path = os.path.join(HERE, "node_modules", "@jupyterlab", "application", "package.json")
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)["version"]
    except (OSError, ValueError, KeyError) as e:
        raise SystemExit(f"kit_lab: cannot read the JupyterLab version from {path} ({e}); "
                         "build the front end first: bash scripts/lab/build-lab.sh")


def _jupyter_server_extension_points():
    return [{"module": "kit_lab", "app": KitLab}]


class KitLab(LabServerApp):
    name = "kit_lab"
    extension_url = "/lab"
    default_url = "/lab"
    # Only this front end: no notebook (classic) or other server extensions.
    load_other_extensions = False
    app_name = "JupyterLab (Siamese kit)"
    app_version = _version()
    static_dir = STATIC
    schemas_dir = os.path.join(STATIC, "schemas")
    themes_dir = os.path.join(STATIC, "themes")
    templates_dir = os.path.join(HERE, "templates")
    app_settings_dir = os.path.join(BUILD, "app-settings")
    user_settings_dir = os.path.join(BUILD, "user-settings")
    workspaces_dir = os.path.join(BUILD, "workspaces")

    def initialize_handlers(self):
        super().initialize_handlers()
        if os.path.isfile(os.path.join(MATHJAX_DIR, "MathJax.js")):
            self.handlers.append((r"/kit-mathjax/(.*)", StaticFileHandler, {"path": MATHJAX_DIR}))

    def initialize_settings(self):
        super().initialize_settings()
        settings = self.serverapp.web_app.settings
        if os.path.isfile(os.path.join(MATHJAX_DIR, "MathJax.js")):
            settings["mathjax_url"] = url_path_join(settings["base_url"], "kit-mathjax/MathJax.js")

    def start(self):
        if not os.path.isfile(os.path.join(STATIC, "bundle.js")):
            raise SystemExit(f"kit_lab: {STATIC}/bundle.js not found; "
                             "build the front end first: bash scripts/lab/build-lab.sh")
        super().start()


if __name__ == "__main__":
    # Imported under its own name, so that jupyter-server finds the extension
    # point by module name ("kit_lab") rather than as __main__.
    sys.path.insert(0, HERE)
    from kit_lab import KitLab as _KitLab

    _KitLab.launch_instance()
