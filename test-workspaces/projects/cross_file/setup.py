# One extension in five C files: facts one file cannot show by itself (who calls a set-up
# function, what a lock wrapper does, where the module is created) are in the others.
from setuptools import Extension, setup

setup(
    name="crossfile",
    ext_modules=[
        Extension(
            "crossfile",
            sources=["src/module.c", "src/tables.c", "src/locks.c", "src/create.c", "src/stats.c"],
            include_dirs=["include"],
        ),
    ],
)
