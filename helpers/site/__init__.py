"""The site room: the offline website built from the executed notebooks (`make site`).

- `build`: orchestrate the build (pages, data copies, chart files and images, Ally pages) and swap it in atomically
- `render`: one executed notebook as a page, charts as numbered figures
- `downloads`: each chart's CSV with its sources, and its citation
- `bundles`: the downloads a researcher expects: the data package zip, the research panels, a zip per chart and a
  zip per notebook that runs offline
- `search`: the offline search index; `profiles`: the Ally pages and the Allies map; `pdf`: the collection as a PDF
- `releases`: the version (CITATION.cff) and the changelog (data/README.md) behind the footer and "What's new"
- `templates/` and `assets/`: the HTML templates, styles and scripts
"""
