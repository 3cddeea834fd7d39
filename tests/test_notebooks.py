"""The notebooks: committed without outputs, and each runs top to bottom in a fresh kernel."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import shared_path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_the_notebooks_are_there():
    assert [path.name for path in NOTEBOOKS] == ["01_quickstart.ipynb", "02_analysis.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_is_committed_without_outputs(path):
    """An inline map adds ~750 KB to a notebook: outputs stay out of git (nbstripout strips)."""
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    dirty = [
        number
        for number, cell in enumerate(notebook.cells)
        if cell.cell_type == "code"
        and (cell.outputs or cell.execution_count is not None or "execution" in cell.metadata)
    ]
    assert not dirty, f"{path.name}: cells {dirty} have outputs; run `nbstripout {path}`"
    assert notebook.metadata.kernelspec.name == "python3"


def test_nbstripout_would_change_nothing():
    """The pre-commit hook's check: ids, metadata and outputs are as nbstripout leaves them."""
    verify = subprocess.run(
        [sys.executable, "-m", "nbstripout", "--verify", *map(str, NOTEBOOKS)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr


@pytest.fixture(scope="module")
def kernel_manager(tmp_path_factory):
    """Makes managers of a "python3" kernel that runs this interpreter, whatever is installed.

    A kernelspec the user installed by hand could name another Python; this one is written
    for sys.executable into a folder of its own and is the only one the manager looks at.
    """
    from ipykernel.kernelspec import install
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager

    spec_dir = Path(install(prefix=str(tmp_path_factory.mktemp("kernel")), kernel_name="python3"))
    specs = KernelSpecManager(kernel_dirs=[str(spec_dir.parent)], ensure_native_kernel=False)
    assert specs.get_kernel_spec("python3").argv[0] == sys.executable

    def make() -> AsyncKernelManager:
        return AsyncKernelManager(kernel_name="python3", kernel_spec_manager=specs)

    return make


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_runs_top_to_bottom(path, kernel_manager):
    from nbclient import NotebookClient

    if path.name == "02_analysis.ipynb":
        shared_path("corpus", "wsj_raw")  # the notebook measures the WSJ articles
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        km=kernel_manager(),
        timeout=300,  # per cell; the slowest, the WSJ build, takes well under this
        resources={"metadata": {"path": str(path.parent)}},  # cwd = notebooks/, as in Jupyter
    )
    # Raises CellExecutionError, with the cell and its traceback, on any error. nbclient leaves
    # a kernel it was handed running unless told to clean up (and the sockets then leak).
    client.execute(cleanup_kc=True)
    errors = [
        output
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if output.output_type == "error"
    ]
    assert not errors
