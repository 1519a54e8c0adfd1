"""Static word lists the demo draws names, places and subjects from."""

from __future__ import annotations

COMPANY_PREFIXES = (
    "Harbor", "Summit", "Northwind", "Bluebird", "Riverside", "Cedar", "Granite", "Lakeside",
    "Maple", "Pioneer", "Redwood", "Silverline", "Sunrise", "Union", "Westgate", "Evergreen",
    "Ironwood", "Juniper", "Kestrel", "Lighthouse", "Meridian", "Oakridge", "Pinecrest",
    "Quarry", "Beacon", "Copperfield", "Driftwood", "Elmstead", "Foxglove", "Hillcrest",
)  # fmt: skip
COMPANY_SUFFIXES = (
    "Couriers", "Bike Rentals", "Logistics", "Delivery Co.", "Campus Services", "Tours",
    "Mobility", "Hotels", "Parcel", "Grocers", "Facilities", "Health",
)  # fmt: skip
INDUSTRY_OF_SUFFIX = {
    "Couriers": "Last-mile delivery",
    "Bike Rentals": "Rental",
    "Logistics": "Logistics",
    "Delivery Co.": "Last-mile delivery",
    "Campus Services": "Education",
    "Tours": "Tourism",
    "Mobility": "Corporate fleet",
    "Hotels": "Hospitality",
    "Parcel": "Last-mile delivery",
    "Grocers": "Retail",
    "Facilities": "Facility management",
    "Health": "Healthcare",
}
OWNERS = ("Alice Chen", "Bruno Silva", "Carla Jones", "Dev Patel")
CITIES = (
    ("Boston", "MA", "02110"),
    ("Portland", "OR", "97205"),
    ("Austin", "TX", "78701"),
    ("Denver", "CO", "80202"),
    ("Chicago", "IL", "60601"),
    ("Seattle", "WA", "98101"),
    ("Minneapolis", "MN", "55401"),
    ("Philadelphia", "PA", "19103"),
    ("San Diego", "CA", "92101"),
    ("Madison", "WI", "53703"),
)
STREETS = ("Main St", "Harbor Ave", "Market St", "Elm St", "Park Rd", "Mill Ln", "Dock St")

FIRST_NAMES = (
    "Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "James", "Isabella", "Lucas",
    "Mia", "Mason", "Amelia", "Ethan", "Harper", "Logan", "Evelyn", "Aiden", "Abigail", "Jacob",
    "Emily", "Mateo", "Ella", "Levi", "Chloe", "Samuel", "Grace", "Daniel", "Zoe", "Henry",
)  # fmt: skip
LAST_NAMES = (
    "Smith", "Johnson", "Williams", "Brown", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
    "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker",
)  # fmt: skip
TITLES = (
    "Fleet Manager", "Operations Director", "Procurement Lead", "CFO", "Facilities Manager",
    "Owner", "Head of Logistics", "Accounts Payable", "Service Coordinator", "COO",
)  # fmt: skip

SUPPLIERS = {
    "cells": "Voltcell Battery Supply",
    "frames": "Apex Frameworks",
    "wheels": "Spokeline Components",
    "drive": "Torqueline Motors",
    "parts": "Brakeworks Industrial",
    "accessories": "Trailhead Accessories",
}

LEAD_SOURCES = ("Website", "Trade show", "Referral", "Webinar")

CASE_SUBJECTS = (
    "Battery does not hold charge",
    "Display shows error E07",
    "Brake squeal after rain",
    "Motor cuts out on hills",
    "Wrong pannier size delivered",
    "Invoice address needs correcting",
    "Request for fleet maintenance visit",
    "Chain skipping under load",
    "Missing charger in delivery",
    "Spoke broken on rear wheel",
    "Question about extended warranty",
    "Frame scratch on arrival",
)
LOST_REASONS = (
    "Chose a competitor on price",
    "Budget frozen until next year",
    "Went with leasing instead",
    "No decision made",
)
