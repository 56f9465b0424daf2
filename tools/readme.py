"""Render README.md from nbs/index.ipynb without Quarto (which these machines cannot install).

Markdown cells are copied; code cells become ```python blocks followed by their text output; cells
starting with `#| hide` are left out and cells with `#| echo: false` show their output only, as nbdev does. `--check` exits 1 when README.md is out of date.
"""
import json, sys
from pathlib import Path

def render(nb_path:Path)->str:
    nb = json.loads(nb_path.read_text())
    out = []
    for c in nb['cells']:
        src = ''.join(c['source'])
        if c['cell_type'] == 'markdown': out.append(src); continue
        lines = src.splitlines()
        if any(l.strip() in ('#| hide', '#|hide') for l in lines[:3]): continue
        code = '\n'.join(l for l in lines if not l.startswith('#|'))
        if not any(l.replace(' ', '') == '#|echo:false' for l in lines[:3]): out.append(f'```python\n{code}\n```')
        for o in c.get('outputs', []):
            if o.get('name') == 'stderr': continue
            txt = o.get('text') or o.get('data', {}).get('text/markdown') or o.get('data', {}).get('text/plain')
            if txt and 'image/png' not in o.get('data', {}):
                txt = ''.join(txt).rstrip()
                out.append(txt if 'text/markdown' in o.get('data', {}) else f'```\n{txt}\n```')
    return '<!-- generated from nbs/index.ipynb by tools/readme.py: edit the notebook, not this file -->\n\n' + '\n\n'.join(out) + '\n'

if __name__ == '__main__':
    root = Path(__file__).resolve().parent.parent
    txt = render(root/'nbs'/'index.ipynb')
    readme = root/'README.md'
    if '--check' in sys.argv:
        if not readme.exists() or readme.read_text() != txt:
            sys.exit('README.md is out of date: run `.venv/bin/python tools/readme.py` and commit it')
    else: readme.write_text(txt)
