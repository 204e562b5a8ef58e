"""``python -m tacitus.spark INPUT... --output DIR`` (and ``spark-submit`` of this file)."""
import os
import sys

if __package__ in (None, ""):  # run as a file by spark-submit: import the installed package, not siblings
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]

from tacitus.spark.main import spark_main  # noqa: E402

if __name__ == "__main__":
    sys.exit(spark_main())
