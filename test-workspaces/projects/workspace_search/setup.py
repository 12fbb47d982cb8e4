# The include folder is computed, so ftls cannot read it without running this file; the
# workspace search finds the header instead.
import os

from setuptools import Extension, setup

HERE = os.path.dirname(os.path.abspath(__file__))

setup(
    name="ws",
    ext_modules=[
        Extension(
            "ws._ws",
            sources=["src/ws.c"],
            include_dirs=[os.path.join(HERE, "include")],
        )
    ],
)
