"""kohtaava-desk: a discreet meeting companion for the Kohtaava asiakastyö method.

The package root is the Qt-free core. The PySide6 front end lives in ``ui/`` in the
repository and is installed as ``kohtaava_desk.ui``.
"""

__version__ = "0.1.0"
