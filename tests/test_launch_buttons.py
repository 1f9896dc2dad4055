"""The repository and launch buttons come from one setting, the theme's repository_url in _config.yml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sphinx.errors import ConfigError

from fiscalbook.build.editions import REPOSITORY, repository_buttons

CONFIG = Path(__file__).resolve().parent.parent / "_config.yml"
LAUNCH = {"binderhub_url": "https://mybinder.org", "colab_url": "https://colab.research.google.com"}


def test_the_shipped_setting_is_empty_or_a_repository_address() -> None:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    theme = config["sphinx"]["config"]["html_theme_options"]
    url = theme["repository_url"]
    assert url == "" or REPOSITORY.fullmatch(url)
    assert "<" not in url and "address" not in url  # no placeholder that a reader would see
    assert set(LAUNCH) <= set(theme["launch_buttons"])
    # Jupyter Book's own keys would be dropped (the theme options above replace what it makes of
    # them), and a button switched on apart from the address could disagree with it.
    assert not {"repository", "launch_buttons"} & set(config)
    assert "use_repository_button" not in config.get("html", {}) and "use_repository_button" not in theme


def test_no_address_no_buttons() -> None:
    options = repository_buttons({"repository_url": "", "launch_buttons": LAUNCH})
    assert options["use_repository_button"] is False and "launch_buttons" not in options


def test_an_address_turns_every_button_on() -> None:
    options = repository_buttons({"repository_url": "https://github.com/owner/fiscalbook/", "launch_buttons": LAUNCH})
    assert options["repository_url"] == "https://github.com/owner/fiscalbook"
    assert options["use_repository_button"] is True and options["launch_buttons"] == LAUNCH


@pytest.mark.parametrize("url", ["<address of the repository>", "http://github.com/a/b", "https://example.org/a/b",
                                 "https://github.com/onlyowner"])
def test_anything_else_stops_the_build(url: str) -> None:
    with pytest.raises(ConfigError, match="repository_url"):
        repository_buttons({"repository_url": url, "launch_buttons": LAUNCH})
