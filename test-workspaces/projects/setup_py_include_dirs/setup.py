# The extension's sources include their project header as "pkg/pkg.h", relative to the
# project root: the build passes include_dirs=["."] and nothing else says so.
from setuptools import Extension, setup

setup(
    name="pkg",
    ext_modules=[
        Extension(
            "pkg._counter",
            sources=["src/mod.c"],
            include_dirs=["."],
            define_macros=[("PKG_COUNTER_MAX", "1000")],
        ),
    ],
)
