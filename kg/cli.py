"""The ``kg`` command line: each command parses options, calls one library function, formats the result.

Exit codes: 0 success (``validate``: conforms), 1 some input rejected / violations found,
2 error (bad arguments, unreadable store, invalid query).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

import kg
from kg.defaults import DEFAULT_BATCH_SIZE
from kg.graph import KnowledgeGraph
from kg.read import MAX_ARTICLE_BYTES

store_option = click.option(
    "--store",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Store directory (default ./kg-store, or $KG_STORE).",
)


class KGError(click.ClickException):
    exit_code = 2


def _fail(e: Exception) -> KGError:
    return KGError(str(e))


def _set_tagger(ctx: click.Context, param: click.Parameter, value) -> None:
    """--no-tagger / --tagger-model: set for this process and its workers, and the model checked now."""
    from kg import tagger

    if param.name == "no_tagger":
        ctx.meta["kg.no_tagger"] = value
        if value:
            tagger.configure(enabled=False)
    elif param.name == "tagger_model" and value is not None and not ctx.meta.get("kg.no_tagger"):
        tagger.configure(model=value)
    if tagger.enabled():
        try:
            tagger.check()
        except tagger.TaggerError as e:
            raise _fail(e) from None


def tagger_options(f):
    """--no-tagger and --tagger-model, for the commands that extract."""
    f = click.option("--tagger-model", type=click.Path(dir_okay=False, path_type=Path), default=None, expose_value=False,
                     callback=_set_tagger, help="Use this tagger model (from `kg train ner`) instead of the shipped one.")(f)
    return click.option("--no-tagger", is_flag=True, expose_value=False, callback=_set_tagger, is_eager=True,
                        help="Extract with rules and lexicons only, without the learned entity tagger.")(f)


def _one_line(e: BaseException) -> str:
    if isinstance(e, OSError) and e.filename is not None:
        return f"{e.filename}: {e.strerror or e}"
    return str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__


class KGGroup(click.Group):
    """The one error boundary of the command line: kg's exceptions (:class:`kg.errors.KGException`), files
    that cannot be read or written and databases that cannot be opened end as one line on stderr and exit
    code 2, in every command; anything else is a bug in kg and keeps its traceback."""

    def invoke(self, ctx: click.Context):
        import sqlite3

        from kg.errors import KGException

        try:
            return super().invoke(ctx)
        except (KGException, OSError, sqlite3.Error) as e:
            raise KGError(_one_line(e)) from None


@click.group(cls=KGGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(kg.__version__, prog_name="kg")
def cli() -> None:
    """Turn Arabic and English news articles into a validated knowledge graph of actors, places and claims."""


@cli.command()
@click.argument("paths", nargs=-1)
@store_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--workers", "-w", type=int, default=None, help="Worker processes for extraction and validation (default: all cores).")
@click.option("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, show_default=True, help="Most articles per write to the store (each write is atomic; at most 800,000 quads).")
@click.option("--resume", is_flag=True, help="Skip articles whose graph is already stored (finish a killed load).")
@click.option("--shards", "shards", default=None, help="Load the shards of a `kg build` output folder (any fsspec URL) instead.")
@click.option("--atomic", is_flag=True, help="With --shards: load every shard in ONE transaction (all or none; holds them in memory).")
@click.option("--timings", is_flag=True, help="Also print the CPU time per article of each stage and of the writer.")
@click.option("--max-article-bytes", type=int, default=MAX_ARTICLE_BYTES, show_default=True,
              help="Largest article text in UTF-8 bytes; a larger one is rejected by name (0: no limit).")
@tagger_options
def load(paths: tuple[str, ...], store: Path | None, quiet: bool, workers: int | None, batch_size: int, resume: bool,
         shards: str | None, atomic: bool, timings: bool, max_article_bytes: int) -> None:
    """Load article files or folders (txt, json, jsonl, html; - for JSON lines on stdin)."""
    from kg.pipeline import default_workers

    if shards:
        t0 = time.perf_counter()
        m = KnowledgeGraph(store).load_shards(shards, atomic=atomic)
        click.echo(f"articles loaded: {m['articles']} from {len(m['shards'])} shard(s), rejected at build: {len(m['rejects'])}, "
                   f"claims: {m['claims']}, seconds: {time.perf_counter() - t0:.2f}")
        return
    if not paths:
        raise KGError("give article paths, or --shards FOLDER")

    graph = KnowledgeGraph(store)

    def run(on_item=None):
        return graph.load(paths, workers=workers or default_workers(), batch_size=batch_size, resume=resume,
                          max_article_bytes=max_article_bytes, on_item=on_item)

    from kg.pipeline import count_inputs

    total = 0 if quiet else count_inputs(p for p in paths if p != "-")
    if quiet or not total:  # nothing to count (stdin, or no readable input): no bar
        report = run()
    else:
        with click.progressbar(length=total, label="loading", show_pos=True, file=sys.stderr) as bar:
            report = run(lambda _: bar.update(1))
    for r in report.rejected:
        click.echo(f"rejected {r.source}: {r.reason}", err=True)
    click.echo(report.summary())
    if timings:
        click.echo(report.timings())
    sys.exit(0 if report.ok else 1)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=False))
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True)
@click.option("--explain", is_flag=True, help="For each claim, the rules that made it: cue, content and claimant.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write one JSON per article into this folder (any inputs kg load reads), in one process.")
@click.option("--workers", "-w", type=int, default=1, show_default=True, help="With --out: worker processes.")
@click.option("--quiet", "-q", is_flag=True, help="With --out: no progress bar.")
@tagger_options
def extract(paths: tuple[str, ...], fmt: str, explain: bool, out_dir: Path | None, workers: int, quiet: bool) -> None:
    """Print what kg extracts from one article file (JSON as in CONTRACT.md), or with --out write one JSON
    per article of any number of files and folders."""
    from kg.explain import explain_claims

    if out_dir is not None:
        from kg.batch_extract import extract_to_folder

        from kg.pipeline import count_inputs

        if quiet:
            report = extract_to_folder(paths, out_dir, workers=workers)
        else:
            with click.progressbar(length=count_inputs(paths) or 1, label="extracting", show_pos=True, file=sys.stderr) as bar:
                report = extract_to_folder(paths, out_dir, workers=workers, on_item=lambda _: bar.update(1))
        for source, reason in report.failed:
            click.echo(f"failed {source}: {reason}", err=True)
        click.echo(report.summary())
        sys.exit(0 if not report.failed else 1)
    if len(paths) > 1:
        raise KGError("one FILE, or several paths with --out DIR")
    if Path(paths[0]).is_dir():
        raise KGError(f"{paths[0]} is a folder: give --out DIR to extract every article in it")
    results = KnowledgeGraph().extract_file(paths[0])
    if explain:
        for r in results:
            click.echo(explain_claims(r))
        return
    if fmt == "json":
        out = results[0] if len(results) == 1 else results
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    for r in results:
        ents = {e["id"]: e["label"] for e in r["entities"]}
        click.echo(f"# {r['article']['iri']} ({r['article']['language']})")
        for c in r["claims"]:
            who = ents.get(c["claimant"], c.get("unnamed_source") or "unnamed")
            click.echo(f"- {who} [{c['cue']}, {c['mode']}, {c['certainty']}]: {c['content']['text']}")


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True))
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "turtle", "json"]), default="text", show_default=True)
@click.option("--engine", type=click.Choice(["fast", "pyshacl"]), default="fast", show_default=True,
              help="fast: the validator kg load uses (SHACL Core subset, checked on the W3C suite); pyshacl: the reference.")
def validate(files: tuple[str, ...], store: Path | None, fmt: str, engine: str) -> None:
    """Validate the store (or RDF / article FILES) against the shapes. Exit 0 conforms, 1 violations, 2 error."""
    reports = KnowledgeGraph(store).validate(files, engine=engine)
    conforms = all(r.conforms for r in reports)
    if fmt == "json":
        from kg.validate import reports_json

        click.echo(reports_json(reports))
    elif fmt == "turtle":
        for r in reports:
            click.echo(r.turtle())
    else:
        for r in reports:
            if not r.conforms:
                click.echo(r.text())
        click.echo(f"{len(reports)} graph(s) checked: {'conforms' if conforms else 'violations found'}")
    sys.exit(0 if conforms else 1)


@cli.command()
@click.argument("query")
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "turtle", "nquads"]), default=None,
              help="Default: a table on a terminal, CSV otherwise.")
def query(query: str, store: Path | None, fmt: str | None) -> None:
    """Run a SPARQL query (text, a .rq file, or the name of an example query)."""
    fmt = fmt or ("table" if sys.stdout.isatty() else "csv")
    from kg.queries import examples, read_query

    text = examples().get(query) or read_query(query)
    click.echo(KnowledgeGraph(store).query_text(text, fmt).rstrip("\n"))


@cli.command("export")
@store_option
@click.option("--format", "fmt", type=click.Choice(["nquads", "trig", "turtle", "jsonld"]), default="nquads", show_default=True)
@click.option("--graph", default=None, help="Only this named graph (an article's graph IRI).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None, help="File (default stdout).")
def export_cmd(store: Path | None, fmt: str, graph: str | None, output: Path | None) -> None:
    """Export the graph (all named graphs, or one)."""
    data = KnowledgeGraph(store).export(fmt, graph)
    if output:
        output.write_bytes(data)
    else:
        click.echo(data.decode("utf-8"), nl=False)


@cli.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats(store: Path | None, fmt: str) -> None:
    """Counts per class, articles, languages."""
    graph = KnowledgeGraph(store)
    st = graph.stats()
    if fmt == "json":
        click.echo(json.dumps(st, ensure_ascii=False, indent=2, sort_keys=True))
        return
    click.echo(f"store: {graph.path}")
    click.echo(f"articles: {st['articles']}  triples: {st['triples']}  graphs: {st['graphs']}")
    click.echo("languages: " + ", ".join(f"{k} {v}" for k, v in st["languages"].items()))
    for cls, n in st["classes"].items():
        click.echo(f"  {cls:28} {n}")


@cli.command()
@store_option
def conflicts(store: Path | None) -> None:
    """List claims that conflict (different claimants, different values for the same measure)."""
    table = KnowledgeGraph(store).conflicts()
    click.echo(table.render(70) if table.rows else "no conflicting claims")


@cli.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--rules", "by_rule", is_flag=True, help="Print each claim rule's count and precision on the gold folder, worst first.")
@tagger_options
def evaluate(folder: str, by_rule: bool) -> None:
    """Score extraction on a folder of NAME.txt + NAME.gold.json (entities, claims, attribution, conflicts)."""
    from kg.evaluate import evaluate_folder
    from kg.tagger import TaggerError

    try:
        result = evaluate_folder(folder)
    except (ValueError, TaggerError) as e:
        raise _fail(e) from None
    click.echo(result.rules_table() if by_rule else result.summary())


@cli.group()
def train() -> None:
    """Train kg's learned components on annotated data."""


@train.command("ner")
@click.option("--lang", default="ar", show_default=True, help="Language of the corpora (the model is used for it).")
@click.option("--train", "train_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CoNLL training file, `token TAG` per line (repeatable).")
@click.option("--dev", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="CoNLL file scored after training (and kept out of training).")
@click.option("--exclude", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CoNLL file whose sentences must not be trained on: training sentences sharing 6 words in a row with it are dropped (repeatable).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Model file to write.")
@click.option("--iterations", type=int, default=200, show_default=True, help="L-BFGS iterations.")
@click.option("--c1", type=float, default=0.05, show_default=True, help="L1 regularisation (a smaller model).")
@click.option("--c2", type=float, default=0.01, show_default=True, help="L2 regularisation.")
@click.option("--evaluate", "evaluate_model", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Instead of training: score this model on the CoNLL FILE arguments.")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def train_ner(lang: str, train_files: tuple[Path, ...], dev: Path | None, exclude: tuple[Path, ...], out: Path | None,
              iterations: int, c1: float, c2: float, evaluate_model: Path | None, files: tuple[Path, ...]) -> None:
    """Train the entity tagger (a CRF) on CoNLL corpora, or score a model with --evaluate MODEL FILE…"""
    from kg.tagger.train import TrainingOptions, evaluate_file, format_scores, train_files as run_training

    if evaluate_model is not None:
        if not files:
            raise KGError("give the CoNLL file(s) to score: kg train ner --evaluate MODEL FILE")
        for f in files:
            click.echo(f"# {f}\n{format_scores(evaluate_file(evaluate_model, f))}")
        return
    if not train_files or out is None:
        raise KGError("give --train FILE (repeatable) and --out MODEL")
    report = run_training(list(train_files), out, language=lang, dev_path=dev, exclude=list(exclude),
                          options=TrainingOptions(c1=c1, c2=c2, max_iterations=iterations))
    for f, n in report.dropped.items():
        if n:
            click.echo(f"{f}: {n} sentence(s) dropped (they overlap an excluded or dev file)")
    click.echo(f"model: {out} ({report.header['sentences']} sentences, {report.header['tokens']} tokens)")
    if report.dev is not None:
        click.echo(f"# dev {dev}\n{format_scores(report.dev)}")


@cli.command()
@click.option("--store", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Fresh store directory for the demo (default: a new temporary directory).")
def demo(store: Path | None) -> None:
    """Load the bundled sample articles into a fresh store and answer three example queries."""
    result = KnowledgeGraph.demo(store)
    click.echo(f"store: {result.store}")
    click.echo(result.report.summary())
    for title, table in result.answers:
        click.echo(f"\n== {title}\n{table}")


@cli.command("serve")
@store_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=7878, show_default=True, type=int)
@click.option("--writable", is_flag=True, help="Enable SPARQL Update, Graph Store writes and POST /articles (token required).")
@click.option("--token", envvar="KG_TOKEN", default=None, help="Bearer token for writes (or env KG_TOKEN).")
@click.option("--allow-service", multiple=True, help="Endpoint URL that SERVICE and LOAD may reach, and the paths under it (repeatable).")
@click.option("--timeout", default=30.0, show_default=True, type=float, help="Seconds before a query is stopped (503).")
@click.option("--max-result-mb", default=100.0, show_default=True, type=float, help="Largest answer in MB (413 above, never a truncated answer).")
@click.option("--cors", multiple=True, help="Origin allowed by CORS (repeatable); CORS is off otherwise.")
@click.option("--workers", default=4, show_default=True, type=int, help="Query worker processes (a slow query holds one).")
@click.option("--worker-memory-mb", default=4000, show_default=True, type=int, help="Address space of one query worker; a query needing more is answered 503 (0: no limit).")
@click.option("--header-timeout", default=10.0, show_default=True, type=float, help="Seconds a client has to send its request headers.")
@click.option("--page-cache", default=1000, show_default=True, type=int, help="Answers of the UI pages' queries kept until the store changes (0: none).")
@click.option("--http-processes", default=1, show_default=True, type=click.IntRange(min=1),
              help="Processes answering HTTP on the port (read-only servers), each with its share of --workers.")
@click.option("--access-log/--no-access-log", default=True, show_default=True, help="Log every request on stderr.")
@click.option("--get", "get_path", default=None, help="Answer one GET request in-process and exit (e.g. '/sparql?query=ASK{}').")
@click.option("--accept", default=None, help="Accept header for --get.")
def serve_cmd(store, host, port, writable, token, allow_service, timeout, max_result_mb, cors, workers, worker_memory_mb,
              header_timeout, page_cache, http_processes, access_log, get_path, accept) -> None:
    """Serve the store over SPARQL 1.1 (endpoint /sparql, Graph Store /store, UI at /)."""
    from kg.serve import ServeConfig

    graph = KnowledgeGraph(store)
    config = ServeConfig(store=graph.path, writable=writable, token=token, allow_service=tuple(allow_service),
                         timeout=timeout, max_result_bytes=int(max_result_mb * 1_000_000), cors=tuple(cors),
                         workers=workers, worker_memory=worker_memory_mb * 1_000_000 or None,
                         header_timeout=header_timeout, page_cache=page_cache, http_processes=http_processes, access_log=access_log)
    try:
        if get_path:
            status, ctype, body = graph.get(get_path, accept, config)
            click.echo(body.decode("utf-8", errors="replace"), nl=False)
            sys.exit(0 if status < 400 else 1)
        graph.serve(host, port, config)
    except ValueError as e:
        raise _fail(e) from None


@cli.command("build")
@click.argument("corpus")
@click.option("--out", required=True, help="Output folder for shards and manifest (any fsspec URL).")
@click.option("--scheduler", default=None, help="Address of a Dask scheduler (tcp://host:8786); default: a local cluster.")
@click.option("--executor", type=click.Choice(["dask"]), default="dask", show_default=True)
@click.option("--workers", type=int, default=2, show_default=True, help="Worker processes of the local cluster.")
@click.option("--lines-per-partition", type=int, default=2000, show_default=True)
def build_cmd(corpus: str, out: str, scheduler: str | None, executor: str, workers: int, lines_per_partition: int) -> None:
    """Extract, map and validate a corpus on Dask into N-Quads shards + manifest (then `kg load --shards`)."""
    from kg.build import build

    report = build(corpus, out, scheduler=scheduler, workers=workers, lines_per_partition=lines_per_partition)
    for r in report.manifest["rejects"]:
        click.echo(f"rejected {r['source']}: {r['reason']}", err=True)
    click.echo(report.summary())
    sys.exit(0 if not report.manifest["rejects"] else 1)


@cli.command("push")
@store_option
@click.option("--endpoint", required=True, help="Graph Store Protocol URL of the target store (e.g. http://host:7878/store).")
@click.option("--token", envvar="KG_PUSH_TOKEN", default=None, help="Bearer token (or env KG_PUSH_TOKEN).")
@click.option("--user", default=None, help="User for HTTP Basic or Digest authentication.")
@click.option("--password", envvar="KG_PUSH_PASSWORD", default=None, help="Password for Basic or Digest authentication (or env KG_PUSH_PASSWORD).")
@click.option("--auth", type=click.Choice(["auto", "basic", "bearer", "digest"]), default="auto", show_default=True,
              help="auto: Bearer with --token, Basic with --user; digest answers the server's challenge (Virtuoso's /sparql-graph-crud-auth).")
@click.option("--graph", "graphs", multiple=True, help="Only these graphs (repeatable).")
@click.option("--timeout", default=60.0, show_default=True, type=float, help="Seconds for one graph.")
@click.option("--deadline", default=3600.0, show_default=True, type=float, help="Seconds for the whole push.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def push_cmd(store, endpoint, token, user, password, auth, graphs, timeout, deadline, quiet) -> None:
    """Send each named graph to another store with Graph Store Protocol PUT (idempotent)."""
    graph = KnowledgeGraph(store)

    def run(on_graph=None):
        return graph.push(endpoint, token=token, user=user, password=password, auth=auth, graphs=list(graphs), timeout=timeout,
                          deadline=deadline, on_graph=on_graph)

    if quiet:
        report = run()
    else:
        with click.progressbar(length=len(graphs) or graph.graph_count(), label="pushing", show_pos=True, file=sys.stderr) as bar:
            report = run(lambda _: bar.update(1))
    for g, why in report.failed:
        click.echo(f"failed {g}: {why}", err=True)
    click.echo(report.summary())
    sys.exit(0 if not report.failed and not report.stopped else 1)


@cli.command("bench-corpus")
@click.argument("n", type=int)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True, help="Folder for the JSON lines files.")
@click.option("--per-file", type=int, default=1000, show_default=True)
@click.option("--seed", type=int, default=7, show_default=True)
@click.option("--size", type=int, default=2500, show_default=True, help="Characters per article.")
def bench_corpus(n: int, out: Path, per_file: int, seed: int, size: int) -> None:
    """Write N synthetic Arabic and English newswire articles (templates and gazetteer names) as JSON lines."""
    from kg.corpus import write_corpus

    files = write_corpus(out, n, per_file, seed, size)
    click.echo(f"wrote {n} articles in {len(files)} file(s) under {out}")


index_option = click.option(
    "--index", "index_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="Label index file (default ./kg-labels.sqlite or $KG_LABELS).",
)


@cli.group()
def wikidata() -> None:
    """Wikidata data for linking: import dumps or SPARQL results into the label index."""


@wikidata.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@index_option
@click.option("--lang", "langs", multiple=True, default=("ar", "en"), show_default=True, help="Languages of labels to keep.")
@click.option("--type", "families", multiple=True, help="Keep only these class families (human, city, country, region, river, organisation, government, media, armed_group, international_org).")
def wikidata_import(file: Path, index_path: Path | None, langs: tuple[str, ...], families: tuple[str, ...]) -> None:
    """Import a Wikidata JSON dump (.json, .json.gz, .json.bz2; streamed) or a CSV/TSV SPARQL result."""
    from kg.link import LabelIndex, import_file

    try:
        with LabelIndex(index_path) as index:
            report = import_file(index, file, langs, families or None)
            items, labels = index.counts()
    except (ValueError, OSError) as e:
        raise _fail(e) from None
    click.echo(f"{report.summary()}\nthe index holds {items} items, {labels} labels")
    if report.error:
        sys.exit(1)


@cli.command()
@store_option
@index_option
@click.option("--explain", "mention", default=None, help="Show the candidates and scores for one mention, and link nothing.")
@click.option("--category", type=click.Choice(["person", "organization", "place"]), default=None, help="Category of the --explain mention.")
@click.option("--online", is_flag=True, help="Ask the Wikidata APIs for names the index does not know (cached, rate limited).")
@click.option("--cache", type=click.Path(dir_okay=False, path_type=Path), default=Path("kg-wikidata-cache.sqlite"), show_default=True)
def link(store: Path | None, index_path: Path | None, mention: str | None, category: str | None, online: bool, cache: Path) -> None:
    """Link the store's actors and places to Wikidata (or --explain one mention)."""
    from kg.link import LabelIndex, Linker
    from kg.link.online import WikidataClient

    client = WikidataClient(cache) if online else None
    if mention:
        with LabelIndex(index_path) as index:
            click.echo(Linker(index, online=client).link(mention, category).explain())
        return
    report = KnowledgeGraph(store).link(index_path, online=client)
    for _entity, label, qid, score in report.linked:
        click.echo(f"linked {label} → {qid} ({score:.2f})")
    if client is not None and client.offline_reason:
        click.echo(f"online look-ups failed ({client.offline_reason}); the offline index was used", err=True)
    click.echo(report.summary())


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
