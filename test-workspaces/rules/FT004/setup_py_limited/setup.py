from setuptools import Extension, setup

setup(
    name="limited",
    ext_modules=[Extension("limited", ["limited.c"], py_limited_api=True)],
)
