"""The Catalogue page's sections: the indicators with their targets per part, the downloads, the
import of a workbook (upload -> preview -> confirm), the inline edit (the same preview and
confirm), and the change log.

The page hands each section what it read (frames from ``data.cache``) and the functions to call
(data is imported for typing only). A check is kept in session state keyed by the checksum of
what was checked (the file's bytes, the edited tables), so a rerun never checks or imports the
same content twice, as on the Data page.

| function | draws |
|---|---|
| ``render_browse(catalogue, targets, parts, action_lines, ...)`` | indicators; targets per part |
| ``render_downloads(*, lang, has_catalogue, workbook, csv_zip, ...)`` | the downloads |
| ``render_upload(*, check, commit, busy, max_mb, lang)`` | upload -> preview -> confirm |
| ``render_editors(indicators, targets, *, options, check, ...)`` | two editors, preview, confirm |
| ``render_log(log, parts, *, limit, lang)`` | the catalogue's change log |
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from ui.catalogue_preview import (
    changes_table,
    counts_text,
    log_table,
    problems_table,
    unchanged_table,
)
from ui.catalogue_tables import catalogue_table, option_labels, targets_table
from ui.catalogue_text import warning_text
from ui.format import format_number
from ui.i18n import LANGUAGES, t
from ui.intake_preview import UploadNames
from ui.kingdom import name_column
from ui.literal import markdown_text
from ui.pages import INDICATOR
from ui.series_tables import applicable_indicators
from ui.state import PARAM_INDICATOR, choice
from ui.widgets import indicator_picker

if TYPE_CHECKING:
    from data.catalogue_intake import CatalogueResult

__all__ = [
    "EditorOptions",
    "render_browse",
    "render_downloads",
    "render_editors",
    "render_log",
    "render_upload",
]

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_MIME = {"xlsx": _XLSX, "csv": "application/zip"}


# --- the indicators and their targets ----------------------------------------------------------


def render_browse(
    catalogue: pd.DataFrame,
    targets: pd.DataFrame,
    parts: pd.DataFrame,
    action_lines: pd.DataFrame,
    *,
    part_id: str,
    part_name: str,
    lang: str,
    browse: Callable[[str | None], tuple[pd.DataFrame, pd.DataFrame]] | None = None,
) -> None:
    """The indicators of an action line (or all) that apply to ``part_id``, as a table; then the
    baselines and targets per part of the one chosen (``ind``, kept in the URL). ``browse``
    (when given) answers, for an action line, those indicators and their table (a cached one:
    ``ui.catalogue_view``)."""
    if catalogue.empty:
        st.info(t("catalogue.empty", lang))
        return
    names = dict(zip(action_lines["action_line_id"], action_lines[name_column(lang)], strict=True))
    action_line_id = st.selectbox(
        t("catalogue.filter_action_line", lang),
        [None, *names],
        format_func=lambda a: (
            t("catalogue.all_action_lines", lang) if a is None else f"{a} · {names[a]}"
        ),
        key="catalogue_action_line",
    )
    if browse is not None:
        shown, table = browse(action_line_id)
    else:
        shown = applicable_indicators(
            catalogue, parts, part_id=part_id, action_line_id=action_line_id
        )
        table = catalogue_table(shown, parts, lang=lang)
    st.caption(t("catalogue.count", lang, shown=len(shown), total=len(catalogue)))
    if shown.empty:
        st.info(t("catalogue.none_match", lang, part=part_name))
        return
    st.dataframe(table, hide_index=True, key="catalogue_indicators")

    st.header(t("catalogue.targets_heading", lang))
    labels = option_labels(shown, lang)
    indicator_id = choice(PARAM_INDICATOR, list(labels), next(iter(labels))) or next(iter(labels))
    indicator_picker(labels, chosen=indicator_id, label=t("catalogue.choose", lang), lang=lang)
    decimals = int(shown.loc[shown["indicator_id"] == indicator_id, "decimals"].iloc[0])
    rows = targets_table(targets, parts, indicator_id=indicator_id, decimals=decimals, lang=lang)
    if rows.empty:
        st.info(t("catalogue.no_targets", lang))
    else:
        st.dataframe(rows, hide_index=True, key="catalogue_targets")
    st.page_link(
        INDICATOR.path,
        label=t("catalogue.open_indicator", lang),
        query_params={"ind": indicator_id, "part": part_id, "lang": lang},
    )


# --- downloads -----------------------------------------------------------------------------------


def render_downloads(
    *,
    lang: str,
    has_catalogue: bool,
    workbook: Callable[[str], bytes],
    csv_zip: Callable[[str], bytes],
    file_name: Callable[[str, str], str],
    example: tuple[str, Callable[[], bytes]] | None = None,
) -> None:
    """The catalogue as a workbook (.xlsx) and as CSVs in a .zip, in the chosen language, each
    built only when its button is clicked; and the example workbook (name, bytes) to start from.

    ``workbook(lang=)`` and ``csv_zip(lang=)`` give the bytes, ``file_name(lang, fmt)`` the name.
    """
    st.caption(t("catalogue.download.intro", lang))
    file_lang = st.radio(
        t("catalogue.download.language", lang),
        LANGUAGES,
        index=LANGUAGES.index(lang),
        format_func=lambda code: t(f"language.{code}", lang),
        horizontal=True,
        key="catalogue_download_lang",
    )
    if not has_catalogue:
        st.info(t("catalogue.download.empty", lang))
    left, right = st.columns(2)
    for column, fmt, build in ((left, "xlsx", workbook), (right, "csv", csv_zip)):
        name = file_name(file_lang, fmt)
        column.download_button(
            t(f"catalogue.download.{fmt}", lang, file=name),
            # A callable: the file is built when the button is clicked, not on every rerun.
            data=lambda build=build: build(lang=file_lang),
            file_name=name,
            mime=_MIME[fmt],
            type="primary" if fmt == "xlsx" else "secondary",
            on_click="ignore",
            key=f"catalogue_download_{fmt}",
        )
    if example is not None:
        name, read = example
        st.caption(t("catalogue.download.example_intro", lang))
        st.download_button(
            t("catalogue.download.example", lang, file=name),
            data=read,
            file_name=name,
            mime=_XLSX,
            on_click="ignore",
            key="catalogue_download_example",
        )


# --- a check, its preview and its confirmation ---------------------------------------------------


@dataclass(frozen=True)
class _Checked:
    """One content's check (or, after confirming, its import), kept across reruns."""

    digest: str
    result: CatalogueResult


def _metrics(result: CatalogueResult, lang: str) -> None:
    counts = result.counts
    for what, kinds in (
        ("indicator", ("new", "changed", "unchanged")),
        ("target", ("new", "changed", "removed", "unchanged")),
    ):
        st.markdown(f"**{t(f'catalogue.preview.heading_{what}', lang)}**")
        for column, kind in zip(st.columns(4), kinds, strict=False):
            column.metric(
                t(f"catalogue.preview.kind_{kind}", lang),
                format_number(counts[what][kind], 0, lang),
            )


def _show_problems(result: CatalogueResult, lang: str) -> None:
    for warning in result.warnings:
        st.warning(markdown_text(warning_text(warning, lang)))  # names a column of the file
    if not result.accepted:
        st.error(
            t(
                "catalogue.import.rejected",
                lang,
                file=markdown_text(result.file_name),
                count=len(result.problems),
            )
        )
        st.dataframe(problems_table(result.problems, lang), width="stretch", hide_index=True)


def _preview_and_confirm(
    checked: _Checked,
    *,
    commit: Callable[[], CatalogueResult],
    busy: type[Exception],
    key: str,
    lang: str,
    names: UploadNames | None = None,
) -> _Checked | None:
    """Show a check: problems; or the preview (indicators and parts by name, from ``names``)
    and a confirm button, which calls ``commit``; or the result of an import. The import's
    result when confirmed here, else None."""
    result = checked.result
    _show_problems(result, lang)
    if not result.accepted:
        return None
    if not result.dry_run:
        st.success(
            t(
                "catalogue.import.imported",
                lang,
                file=markdown_text(result.file_name),
                import_id=result.import_id,
                counts=counts_text(result, lang),
            ),
        )
        return None
    st.info(t("catalogue.import.checked", lang, file=markdown_text(result.file_name)))
    _metrics(result, lang)
    written = changes_table(result.changes, lang, names)
    if len(written):
        st.dataframe(written, width="stretch", hide_index=True, key=f"{key}_changes")
    else:
        st.info(t("catalogue.import.nothing", lang))
    same = unchanged_table(result.changes, lang)
    if len(same):
        with st.expander(t("catalogue.preview.unchanged", lang, count=len(same))):
            st.dataframe(same, width="stretch", hide_index=True, key=f"{key}_unchanged")
    to_write = len(result.to_write)
    label = (
        t("catalogue.import.confirm", lang, count=to_write)
        if to_write
        else t("catalogue.import.confirm_nothing", lang)
    )
    if not st.button(label, type="primary", key=f"{key}_confirm"):
        return None
    try:
        return _Checked(checked.digest, commit())
    except busy:
        st.warning(t("catalogue.import.busy", lang))
        return None


# --- import of a file ----------------------------------------------------------------------------


def render_upload(
    *,
    check: Callable[..., CatalogueResult],
    commit: Callable[..., CatalogueResult],
    after_commit: Callable[[], None],
    busy: type[Exception],
    max_mb: int,
    lang: str,
    names: UploadNames | None = None,
) -> None:
    """Upload an .xlsx or .zip -> ``check(data, file_name=)`` (writes nothing) -> preview ->
    confirm -> ``commit(data, file_name=)``, then ``after_commit()`` (clear the caches).

    ``busy`` is the error the two raise when another writer holds the database.
    """
    st.caption(t("catalogue.import.intro", lang, limit=max_mb))
    upload = st.file_uploader(
        t("catalogue.import.label", lang),
        type=["xlsx", "zip"],
        max_upload_size=max_mb,
        key="catalogue_file",
    )
    state = "catalogue_file_checked"
    if upload is None:
        st.session_state.pop(state, None)
        return
    data = upload.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    checked: _Checked | None = st.session_state.get(state)
    if checked is None or checked.digest != digest:
        try:
            checked = _Checked(digest, check(data, file_name=upload.name))
        except busy:
            st.warning(t("catalogue.import.busy", lang))
            return
        st.session_state[state] = checked
    final = _preview_and_confirm(
        checked,
        commit=lambda: commit(data, file_name=upload.name),
        busy=busy,
        key="catalogue_file",
        lang=lang,
        names=names,
    )
    if final is not None:
        after_commit()
        st.session_state[state] = final
        st.rerun()


# --- inline edit ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EditorOptions:
    """What the editors' drop-downs offer (the workbook contract's codes and the ids)."""

    allowed: Mapping[str, Sequence[str]]  # column -> codes (direction, target_type, ...)
    action_lines: Sequence[str]
    parts: Sequence[str]


def _indicator_columns(options: EditorOptions, lang: str) -> dict[str, object]:
    config: dict[str, object] = {
        "indicator_id": st.column_config.TextColumn(
            required=True, help=t("catalogue.edit.help.indicator_id", lang)
        ),
        "action_line_id": st.column_config.SelectboxColumn(
            options=list(options.action_lines), required=True
        ),
        "decimals": st.column_config.NumberColumn(min_value=0, max_value=6, step=1),
        "scope": st.column_config.TextColumn(help=t("catalogue.edit.help.scope", lang)),
        "retired_from": st.column_config.TextColumn(
            help=t("catalogue.edit.help.retired_from", lang)
        ),
    }
    for column, codes in options.allowed.items():
        config[column] = st.column_config.SelectboxColumn(options=list(codes), required=True)
    return config


def _target_columns(options: EditorOptions, lang: str) -> dict[str, object]:
    return {
        # Text, not a drop-down: a target may be for an indicator added in the editor above.
        "indicator_id": st.column_config.TextColumn(required=True),
        "part_id": st.column_config.SelectboxColumn(options=list(options.parts), required=True),
        "baseline_value": st.column_config.NumberColumn(),
        "target_value": st.column_config.NumberColumn(),
        "reason": st.column_config.TextColumn(help=t("catalogue.edit.help.reason", lang)),
    }


def _edited(key: str) -> bool:
    state = st.session_state.get(key) or {}
    return any(state.get(name) for name in ("edited_rows", "added_rows", "deleted_rows"))


def render_editors(
    indicators: pd.DataFrame,
    targets: pd.DataFrame,
    *,
    options: EditorOptions,
    check: Callable[[pd.DataFrame, pd.DataFrame], CatalogueResult],
    commit: Callable[[pd.DataFrame, pd.DataFrame], CatalogueResult],
    after_commit: Callable[[], None],
    busy: type[Exception],
    lang: str,
    version: str,
    names: UploadNames | None = None,
) -> None:
    """An indicators editor and a targets editor (rows may be added), in the workbook's columns;
    once something is edited, ``check`` previews it and confirming calls ``commit`` (the same
    path as a file), then ``after_commit()``. ``version`` (the data version) keys the editors,
    so after an import they open on the new catalogue. ``indicators`` and ``targets`` come as
    ``ui.catalogue_tables.editable_indicators`` / ``editable_targets`` give them."""
    st.caption(t("catalogue.edit.intro", lang))
    indicator_key, target_key = (
        f"catalogue_edit_indicators_{version}",
        f"catalogue_edit_targets_{version}",
    )
    st.header(t("catalogue.edit.indicators", lang))
    edited_indicators = st.data_editor(
        indicators,
        num_rows="add",
        hide_index=True,
        column_config=_indicator_columns(options, lang),
        key=indicator_key,
    )
    st.header(t("catalogue.edit.targets", lang))
    st.caption(t("catalogue.edit.targets_intro", lang))
    edited_targets = st.data_editor(
        targets,
        num_rows="add",
        hide_index=True,
        column_config=_target_columns(options, lang),
        key=target_key,
    )
    state = "catalogue_edit_checked"
    done: _Checked | None = st.session_state.get(state)
    if not (_edited(indicator_key) or _edited(target_key)):
        if done is not None and not done.result.dry_run:
            _preview_and_confirm(
                done,
                commit=lambda: done.result,
                busy=busy,
                key="catalogue_edit",
                lang=lang,
                names=names,
            )
        else:
            st.info(t("catalogue.edit.nothing_yet", lang))
        return
    content = edited_indicators.to_csv(index=False) + "\n" + edited_targets.to_csv(index=False)
    digest = hashlib.sha256(content.encode()).hexdigest()
    if done is None or done.digest != digest:
        try:
            done = _Checked(digest, check(edited_indicators, edited_targets))
        except busy:
            st.warning(t("catalogue.import.busy", lang))
            return
        st.session_state[state] = done
    final = _preview_and_confirm(
        done,
        commit=lambda: commit(edited_indicators, edited_targets),
        busy=busy,
        key="catalogue_edit",
        lang=lang,
        names=names,
    )
    if final is not None:
        after_commit()
        st.session_state[state] = final
        st.rerun()


# --- the change log ------------------------------------------------------------------------------


def render_log(log: pd.DataFrame, parts: pd.DataFrame, *, limit: int, lang: str) -> None:
    """Who changed what in the catalogue, when, old -> new, and why; newest first."""
    if log.empty:
        st.info(t("catalogue.log.empty", lang))
        return
    st.caption(t("catalogue.log.intro", lang, limit=limit))
    st.dataframe(log_table(log, parts, lang), width="stretch", hide_index=True, key="catalogue_log")
