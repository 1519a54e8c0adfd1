"""Pure bill-of-materials rules: cycle detection for bomSet and the backflush explosion."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from domain.manufacturing.planning import BomCycleError

_HUNDRED = Decimal(100)
_STEP = Decimal("0.0001")


@dataclass(frozen=True, slots=True)
class Component:
    component_id: int
    quantity_per: Decimal
    scrap_percent: Decimal


def cycle_through(
    product_id: int, new_components: Iterable[int], children: Mapping[int, Iterable[int]]
) -> list[int] | None:
    """The cycle `product_id` would join if its BOM held `new_components`, else None.

    `children` is every other product's BOM (parent → components); the product's old lines
    are ignored since they are being replaced. The cycle is returned parent-to-component,
    starting with `product_id`, so [A, B, C] means A contains B contains C contains A.
    """
    # Depth-first from each new component looking for a way back to the product; an
    # explicit stack keeps deep BOMs clear of the recursion limit.
    seen: set[int] = set()
    for start in new_components:
        stack: list[tuple[int, list[int]]] = [(start, [product_id, start])]
        while stack:
            node, path = stack.pop()
            if node == product_id:
                return path[:-1]
            if node in seen:
                continue
            seen.add(node)
            for child in children.get(node, ()):
                if child not in seen or child == product_id:
                    stack.append((child, [*path, child]))
    return None


def explosion_quantity(quantity: Decimal, component: Component) -> Decimal:
    """quantity × quantityPer × (1 + scrap/100), rounded up to 4 decimals (§6.5)."""
    exact = quantity * component.quantity_per * (1 + component.scrap_percent / _HUNDRED)
    return exact.quantize(_STEP, rounding=ROUND_CEILING)


def backflush(
    quantity: Decimal,
    components: Iterable[Component],
    phantom_components: Mapping[int, Iterable[Component]],
) -> dict[int, Decimal]:
    """What completing `quantity` consumes, per component product.

    A component with a phantom BOM (a key of `phantom_components`) is not consumed itself:
    its need explodes through to its own components, rounding at each level as MRP does.
    """
    consumed: dict[int, Decimal] = defaultdict(Decimal)
    pending: list[tuple[Decimal, Component, tuple[int, ...]]] = [
        (quantity, component, ()) for component in components
    ]
    while pending:
        parent_quantity, component, phantoms = pending.pop()
        need = explosion_quantity(parent_quantity, component)
        product_id = component.component_id
        if product_id in phantom_components:
            if product_id in phantoms:
                # Only a BOM written around bomSet can loop; refuse rather than spin.
                cycle = list(phantoms[phantoms.index(product_id) :])
                raise BomCycleError(cycle)
            pending.extend(
                (need, child, (*phantoms, product_id)) for child in phantom_components[product_id]
            )
        elif need:
            consumed[product_id] += need
    return dict(consumed)
