"""Unit tests of helpers.model_diagram: the graph read from a model, the figure, bad input."""

from __future__ import annotations

from typing import Any

import pytest
from matplotlib.figure import Figure

from helpers import model_diagram


def _two_heads() -> Any:
    import keras

    image = keras.Input(shape=(6,), name="image")
    h = keras.layers.Dense(5, activation="relu", name="trunk")(image)
    digit = keras.layers.Dense(3, name="digit")(h)
    attributes = keras.layers.Dense(2, activation="sigmoid", name="attributes")(h)
    return keras.Model(image, {"digit": digit, "attributes": attributes}, name="two_heads")


def _skip() -> Any:
    import keras

    x = keras.Input(shape=(4,), name="x")
    hidden = keras.layers.Dense(3, name="hidden")(x)
    joined = keras.layers.Concatenate(name="join")([x, hidden])
    return keras.Model(x, keras.layers.Dense(2, name="out")(joined), name="skip")


def test_two_heads_graph() -> None:
    nodes, edges = model_diagram.model_graph(_two_heads())
    by_name = {n.name: n for n in nodes}
    assert set(edges) == {("image", "trunk"), ("trunk", "digit"), ("trunk", "attributes")}
    assert by_name["image"].role == "input" and by_name["image"].depth == 0
    assert by_name["trunk"].role == "layer" and by_name["trunk"].activation == "relu"
    assert by_name["digit"].role == by_name["attributes"].role == "output"
    assert by_name["digit"].depth == by_name["attributes"].depth == 2
    assert by_name["digit"].shape == (None, 3) and by_name["digit"].activation is None


def test_skip_connection_depth_is_longest_path() -> None:
    nodes, edges = model_diagram.model_graph(_skip())
    depth = {n.name: n.depth for n in nodes}
    assert depth == {"x": 0, "hidden": 1, "join": 2, "out": 3}
    assert ("x", "join") in edges and ("hidden", "join") in edges
    assert next(n for n in nodes if n.name == "join").shape == (None, 7)


def test_sequential_is_a_chain() -> None:
    import keras

    model = keras.Sequential(
        [keras.Input(shape=(4,)), keras.layers.Dense(3, name="a"), keras.layers.Dense(2, name="b")]
    )
    nodes, edges = model_diagram.model_graph(model)
    assert [n.name for n in nodes][1:] == ["a", "b"]
    assert edges[1:] == [("a", "b")] and len(edges) == 2


@pytest.mark.parametrize("make", [_two_heads, _skip])
def test_draw_model_returns_a_titled_figure_with_one_box_per_layer(make: Any) -> None:
    model = make()
    fig = model_diagram.draw_model(model, title="my title")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_title() == "my title"
    labels = [t.get_text() for t in ax.texts if t.get_text()]  # arrows are empty annotations
    assert len(labels) == len(model.layers)
    assert any("output (None, 2)" in label for label in labels)


def test_default_title_names_the_model() -> None:
    fig = model_diagram.draw_model(_skip())
    assert "'skip'" in fig.axes[0].get_title()


def test_not_a_model_raises_type_error() -> None:
    with pytest.raises(TypeError, match="keras.Model"):
        model_diagram.draw_model("a model")


def test_subclassed_model_raises_value_error_naming_the_fix() -> None:
    import keras

    class Sub(keras.Model):
        def __init__(self) -> None:
            super().__init__()
            self.dense = keras.layers.Dense(2)

        def call(self, x: Any) -> Any:
            return self.dense(x)

    model = Sub()
    model(keras.ops.ones((1, 3)))
    with pytest.raises(ValueError, match="Functional API"):
        model_diagram.model_graph(model)


def test_unbuilt_sequential_raises_value_error() -> None:
    import keras

    with pytest.raises(ValueError, match="keras.Input"):
        model_diagram.draw_model(keras.Sequential([keras.layers.Dense(2)]))


def test_second_input_sits_just_above_the_layer_that_reads_it() -> None:
    import keras

    image = keras.Input(shape=(6,), name="image")
    extra = keras.Input(shape=(2,), name="extra")
    hidden = keras.layers.Dense(3, name="hidden")(image)
    joined = keras.layers.Concatenate(name="join")([hidden, extra])
    model = keras.Model([image, extra], keras.layers.Dense(1, name="out")(joined))
    nodes, edges = model_diagram.model_graph(model)
    depth = {n.name: n.depth for n in nodes}
    assert depth == {"image": 0, "hidden": 1, "extra": 1, "join": 2, "out": 3}
    assert {n.name for n in nodes if n.role == "input"} == {"image", "extra"}
    assert ("extra", "join") in edges
