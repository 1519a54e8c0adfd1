"""Demo catalog: 40 products of an e-bike maker and their three-level bills of materials."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.catalog.services import create_product
from domain.demo.context import DemoContext
from domain.manufacturing.services import BomLineDraft, set_bom

GOODS_TAX = Decimal("8.25")
SERVICE_TAX = Decimal("0")


@dataclass(frozen=True)
class ProductSpec:
    sku: str
    name: str
    kind: str  # STOCKED | SERVICE
    procurement: str  # BUY | MAKE
    list_price: str
    standard_cost: str
    lead_time_days: int = 0
    safety_stock: int = 0
    min_order_quantity: int = 0
    order_multiple: int = 0


def _buy(
    sku: str,
    name: str,
    cost: str,
    lead: int,
    *,
    safety: int = 0,
    moq: int = 0,
    multiple: int = 0,
    price: str = "0",
) -> ProductSpec:
    return ProductSpec(sku, name, "STOCKED", "BUY", price, cost, lead, safety, moq, multiple)


def _make(sku: str, name: str, price: str, cost: str, lead: int, safety: int = 0) -> ProductSpec:
    return ProductSpec(sku, name, "STOCKED", "MAKE", price, cost, lead, safety)


COMPONENTS = (
    _buy(
        "C-CELL-21700",
        "Li-ion cell 21700",
        "3.2000",
        28,
        safety=300,
        moq=500,
        multiple=100,
    ),
    _buy("C-BMS-48V", "Battery management board 48V", "38.5000", 21, safety=10, moq=20),
    _buy("C-CASE-BAT", "Battery casing", "22.0000", 14, safety=10, moq=25),
    _buy("C-MOTOR-250", "Hub motor 250W", "145.0000", 35, safety=5, moq=10),
    _buy("C-MOTOR-750", "Mid-drive motor 750W", "310.0000", 42, safety=5, moq=10),
    _buy("C-CTRL-48V", "Motor controller 48V", "64.0000", 28, safety=8, moq=20),
    _buy("C-DISPLAY", "Handlebar display", "41.0000", 21, safety=8, moq=20),
    _buy("C-TUBE-ALU", "Aluminium tube set", "88.0000", 30, safety=5, moq=10),
    _buy("C-TUBE-STEEL", "Steel cargo tube set", "126.0000", 30, safety=3, moq=5),
    _buy("C-RIM-27", "Rim 27.5 in", "24.0000", 18, safety=20, moq=40, multiple=20),
    _buy("C-RIM-20", "Rim 20 in", "19.0000", 18, safety=10, moq=40, multiple=20),
    _buy("C-SPOKES", "Spoke set (36)", "9.5000", 10, safety=20, moq=50, multiple=50),
    _buy("C-HUB-REAR", "Rear hub", "33.0000", 18, safety=5, moq=20),
    _buy("C-TIRE-27", "Tire 27.5 in", "17.5000", 12, safety=20, moq=40, multiple=20),
    _buy("C-TIRE-20", "Tire 20 in", "15.0000", 12, safety=10, moq=40, multiple=20),
    _buy("C-BRAKE-HYD", "Hydraulic disc brake set", "72.0000", 14, safety=10, moq=20),
    _buy("C-CHAIN", "Chain", "11.0000", 7, safety=20, moq=50),
    _buy("C-SADDLE", "Comfort saddle", "19.0000", 10, safety=10, moq=25),
    _buy("C-HANDLEBAR", "Riser handlebar", "16.0000", 10, safety=10, moq=25),
    _buy("C-GRIPS", "Ergonomic grips", "6.5000", 7, safety=20, moq=50),
)
SUBASSEMBLIES = (
    _make("S-BAT-48V", "Battery pack 48V 14Ah", "0", "226.9000", 3, safety=4),
    _make("S-FRAME-CITY", "City frame", "0", "95.0000", 4),
    _make("S-FRAME-CARGO", "Cargo frame", "0", "140.0000", 5),
    _make("S-WHEEL-27", "Wheel 27.5 in", "0", "51.0000", 2),
    _make("S-WHEEL-20", "Wheel 20 in", "0", "43.5000", 2),
    _make("S-DRIVE-HUB", "Hub drive unit", "0", "242.0000", 3),
    _make("S-DRIVE-MID", "Mid drive unit", "0", "374.0000", 3),
    _make("S-COCKPIT", "Cockpit kit", "0", "63.5000", 1),
)
FINISHED_GOODS = (
    _make("FG-CITY", "Tandem City e-bike", "2490.00", "968.0000", 5, safety=4),
    _make("FG-CITY-PLUS", "Tandem City+ e-bike", "3290.00", "1100.0000", 5, safety=3),
    _make("FG-TREK", "Tandem Trek e-bike", "3790.00", "1327.0000", 6, safety=2),
    _make("FG-FOLD", "Tandem Fold e-bike", "2190.00", "861.0000", 5, safety=2),
    _make("FG-CARGO", "Tandem Cargo e-bike", "5490.00", "1630.0000", 7, safety=2),
    _make("FG-TRIKE", "Tandem Delivery trike", "6890.00", "2010.0000", 8),
)
ACCESSORIES = (
    _buy(
        "A-HELMET",
        "Commuter helmet",
        "31.0000",
        14,
        safety=10,
        moq=24,
        price="79.00",
    ),
    _buy("A-LOCK", "Folding lock", "24.0000", 14, safety=10, moq=24, price="69.00"),
    _buy("A-PANNIER", "Waterproof pannier", "38.0000", 21, moq=12, price="119.00"),
)
SERVICES = (
    ProductSpec("SV-SERVICE-PLAN", "Annual service plan", "SERVICE", "BUY", "249.00", "0"),
    ProductSpec("SV-FLEET-ONBOARD", "Fleet onboarding day", "SERVICE", "BUY", "1200.00", "0"),
    ProductSpec("SV-WARRANTY-2Y", "Extended warranty, 2 years", "SERVICE", "BUY", "189.00", "0"),
)
ALL_PRODUCTS = (*COMPONENTS, *SUBASSEMBLIES, *FINISHED_GOODS, *ACCESSORIES, *SERVICES)
SELLABLE = tuple(p.sku for p in (*FINISHED_GOODS, *ACCESSORIES, *SERVICES))
PHANTOMS = frozenset({"S-COCKPIT"})

# product → [(component, quantity per, scrap %)]: finished goods → subassemblies → components.
BOMS: dict[str, list[tuple[str, str, str]]] = {
    "S-BAT-48V": [("C-CELL-21700", "52", "1.5"), ("C-BMS-48V", "1", "0"), ("C-CASE-BAT", "1", "0")],
    "S-FRAME-CITY": [("C-TUBE-ALU", "1", "2")],
    "S-FRAME-CARGO": [("C-TUBE-STEEL", "1", "3")],
    "S-WHEEL-27": [("C-RIM-27", "1", "0"), ("C-SPOKES", "1", "2"), ("C-TIRE-27", "1", "0")],
    "S-WHEEL-20": [("C-RIM-20", "1", "0"), ("C-SPOKES", "1", "2"), ("C-TIRE-20", "1", "0")],
    "S-DRIVE-HUB": [("C-MOTOR-250", "1", "0"), ("C-CTRL-48V", "1", "0"), ("C-HUB-REAR", "1", "0")],
    "S-DRIVE-MID": [("C-MOTOR-750", "1", "0"), ("C-CTRL-48V", "1", "0")],
    "S-COCKPIT": [("C-HANDLEBAR", "1", "0"), ("C-GRIPS", "1", "0"), ("C-DISPLAY", "1", "0")],
    "FG-CITY": [
        ("S-FRAME-CITY", "1", "0"), ("S-WHEEL-27", "2", "0"), ("S-DRIVE-HUB", "1", "0"),
        ("S-BAT-48V", "1", "0"), ("S-COCKPIT", "1", "0"), ("C-BRAKE-HYD", "1", "0"),
        ("C-CHAIN", "1", "0"), ("C-SADDLE", "1", "0"),
    ],
    "FG-CITY-PLUS": [
        ("S-FRAME-CITY", "1", "0"), ("S-WHEEL-27", "2", "0"), ("S-DRIVE-MID", "1", "0"),
        ("S-BAT-48V", "1", "0"), ("S-COCKPIT", "1", "0"), ("C-BRAKE-HYD", "1", "0"),
        ("C-CHAIN", "1", "0"), ("C-SADDLE", "1", "0"),
    ],
    "FG-TREK": [
        ("S-FRAME-CITY", "1", "0"), ("S-WHEEL-27", "2", "0"), ("S-DRIVE-MID", "1", "0"),
        ("S-BAT-48V", "2", "0"), ("S-COCKPIT", "1", "0"), ("C-BRAKE-HYD", "1", "0"),
        ("C-CHAIN", "1", "0"), ("C-SADDLE", "1", "0"),
    ],
    "FG-FOLD": [
        ("S-FRAME-CITY", "1", "0"), ("S-WHEEL-20", "2", "0"), ("S-DRIVE-HUB", "1", "0"),
        ("S-BAT-48V", "1", "0"), ("S-COCKPIT", "1", "0"), ("C-BRAKE-HYD", "1", "0"),
        ("C-CHAIN", "1", "0"), ("C-SADDLE", "1", "0"),
    ],
    "FG-CARGO": [
        ("S-FRAME-CARGO", "1", "0"), ("S-WHEEL-20", "2", "0"), ("S-DRIVE-MID", "1", "0"),
        ("S-BAT-48V", "2", "0"), ("S-COCKPIT", "1", "0"), ("C-BRAKE-HYD", "1", "0"),
        ("C-CHAIN", "1", "0"), ("C-SADDLE", "1", "0"),
    ],
    "FG-TRIKE": [
        ("S-FRAME-CARGO", "1", "0"), ("S-WHEEL-20", "3", "0"), ("S-DRIVE-MID", "1", "0"),
        ("S-BAT-48V", "2", "0"), ("S-COCKPIT", "1", "0"), ("C-BRAKE-HYD", "2", "0"),
        ("C-CHAIN", "1", "0"), ("C-SADDLE", "1", "0"),
    ],
}  # fmt: skip


async def seed_catalog(ctx: DemoContext) -> None:
    for spec in ALL_PRODUCTS:
        product = await create_product(
            {
                "sku": spec.sku,
                "name": spec.name,
                "kind": spec.kind,
                "procurement": spec.procurement,
                "uom": "EA",
                "list_price": Decimal(spec.list_price),
                "standard_cost": Decimal(spec.standard_cost),
                "tax_rate": SERVICE_TAX if spec.kind == "SERVICE" else GOODS_TAX,
                "lead_time_days": spec.lead_time_days,
                "safety_stock": Decimal(spec.safety_stock),
                "min_order_quantity": Decimal(spec.min_order_quantity),
                "order_multiple": Decimal(spec.order_multiple),
            }
        )
        ctx.products[spec.sku] = product.id
    # Components first, so every BOM's parts exist; parents after their subassemblies.
    for parent, lines in BOMS.items():
        await set_bom(
            ctx.product(parent),
            [
                BomLineDraft(ctx.product(component), Decimal(per), Decimal(scrap))
                for component, per, scrap in lines
            ],
            phantom=parent in PHANTOMS,
        )
