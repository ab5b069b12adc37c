"""pytest runs from this folder's parent too (`pytest examples/python`): make the app's modules importable."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent / "handlers"))
