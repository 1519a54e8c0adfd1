from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "credit_watches" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "over_limit" BOOL NOT NULL,
    "exceeded_at" TIMESTAMPTZ,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "account_id" INT NOT NULL UNIQUE REFERENCES "accounts" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "credit_watches" IS 'One row per account with a credit limit once its exposure was first looked at; the';
        CREATE TABLE IF NOT EXISTS "opportunity_fulfillments" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "delivery_status" VARCHAR(16) NOT NULL,
    "invoice_status" VARCHAR(16) NOT NULL,
    "payment_status" VARCHAR(16) NOT NULL,
    "shipped_amount" DECIMAL(18,2) NOT NULL,
    "invoiced_amount" DECIMAL(18,2) NOT NULL,
    "paid_amount" DECIMAL(18,2) NOT NULL,
    "promised_date" DATE,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "sales_order_id" INT NOT NULL UNIQUE REFERENCES "sales_orders" ("id") ON DELETE CASCADE,
    "opportunity_id" INT NOT NULL UNIQUE REFERENCES "opportunities" ("id") ON DELETE CASCADE
);
COMMENT ON COLUMN "opportunity_fulfillments"."delivery_status" IS 'NOT_SHIPPED: NOT_SHIPPED\nPARTIAL: PARTIAL\nSHIPPED: SHIPPED';
COMMENT ON COLUMN "opportunity_fulfillments"."invoice_status" IS 'NOT_INVOICED: NOT_INVOICED\nPARTIAL: PARTIAL\nINVOICED: INVOICED';
COMMENT ON COLUMN "opportunity_fulfillments"."payment_status" IS 'UNPAID: UNPAID\nPARTIAL: PARTIAL\nPAID: PAID';
COMMENT ON TABLE "opportunity_fulfillments" IS 'Written in the transaction of every shipment, invoice, payment and credit note of the';
        CREATE TABLE IF NOT EXISTS "quotes" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "number" VARCHAR(32) NOT NULL UNIQUE,
    "version" INT NOT NULL,
    "status" VARCHAR(12) NOT NULL,
    "valid_until" DATE NOT NULL,
    "requested_date" DATE NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "customer_reference" VARCHAR(120),
    "subtotal" DECIMAL(18,2) NOT NULL,
    "tax_total" DECIMAL(18,2) NOT NULL,
    "total" DECIMAL(18,2) NOT NULL,
    "reject_reason" VARCHAR(500),
    "sent_at" TIMESTAMPTZ,
    "accepted_at" TIMESTAMPTZ,
    "rejected_at" TIMESTAMPTZ,
    "expired_at" TIMESTAMPTZ,
    "superseded_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "account_id" INT NOT NULL REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    "opportunity_id" INT NOT NULL REFERENCES "opportunities" ("id") ON DELETE RESTRICT,
    "sales_order_id" INT UNIQUE REFERENCES "sales_orders" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_quotes_opportu_8d7c4e" UNIQUE ("opportunity_id", "version")
);
CREATE INDEX IF NOT EXISTS "idx_quotes_status_cee966" ON "quotes" ("status", "valid_until");
COMMENT ON COLUMN "quotes"."status" IS 'DRAFT: DRAFT\nSENT: SENT\nACCEPTED: ACCEPTED\nREJECTED: REJECTED\nEXPIRED: EXPIRED\nSUPERSEDED: SUPERSEDED';
        CREATE TABLE IF NOT EXISTS "quote_lines" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "position" INT NOT NULL,
    "description" VARCHAR(255),
    "quantity" DECIMAL(18,4) NOT NULL,
    "unit_price" DECIMAL(18,4) NOT NULL,
    "discount_percent" DECIMAL(7,4) NOT NULL,
    "tax_rate" DECIMAL(7,4) NOT NULL,
    "net_amount" DECIMAL(18,2) NOT NULL,
    "tax_amount" DECIMAL(18,2) NOT NULL,
    "price_source" VARCHAR(20) NOT NULL,
    "product_id" INT NOT NULL REFERENCES "products" ("id") ON DELETE RESTRICT,
    "quote_id" INT NOT NULL REFERENCES "quotes" ("id") ON DELETE CASCADE
);
COMMENT ON COLUMN "quote_lines"."price_source" IS 'ACCOUNT_PRICE_LIST: ACCOUNT_PRICE_LIST\nDEFAULT_PRICE_LIST: DEFAULT_PRICE_LIST\nLIST_PRICE: LIST_PRICE\nMANUAL: MANUAL\nOPPORTUNITY_LINE: OPPORTUNITY_LINE';
        COMMENT ON COLUMN "job_runs"."kind" IS 'ACCOUNT_FIGURES: ACCOUNT_FIGURES\nINVOICING: INVOICING\nMRP: MRP\nSLA_ESCALATION: SLA_ESCALATION\nQUOTE_EXPIRY: QUOTE_EXPIRY';
        ALTER TABLE "sales_orders" ADD "customer_reference" VARCHAR(120);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        COMMENT ON COLUMN "job_runs"."kind" IS 'ACCOUNT_FIGURES: ACCOUNT_FIGURES\nINVOICING: INVOICING\nMRP: MRP\nSLA_ESCALATION: SLA_ESCALATION';
        ALTER TABLE "sales_orders" DROP COLUMN "customer_reference";
        DROP TABLE IF EXISTS "opportunity_fulfillments";
        DROP TABLE IF EXISTS "quote_lines";
        DROP TABLE IF EXISTS "quotes";
        DROP TABLE IF EXISTS "credit_watches";"""


MODELS_STATE = (
    "eJztXet32sa2/1e0+HJ71nKzHMdJfOi5Zy2MlZQWAwWctLd06cgwjtUIiejhxPe2//ud0V"
    "ujGaHRA6RhvoCQtAf47ZnRfu//623NDdDtF4P12nQNp9eX/q9nqFsAD/BLZ1JP3e3iC+iE"
    "o97r3r2qf5N3Ur23HUtdo8EeVN0G8NQG2GtL2zmaacCzhqvr6KS5hjdqxqf4lGtoX1ygOO"
    "Yn4DwCC174/Q94WjM24Buww4+7z8qDBvRN6tdqG/Td3nnFed5550aG8867EX3bvbI2dXdr"
    "xDfvnp1H04ju1vw/+QkYwFIdgIZ3LBf9fPTrgn8a/iP/l8a3+D8xQbMBD6qrO4m/e6/E53"
    "qKMpkulYW8VJQeA0Br00Dgaghq9O8/oZ/w/cXLy7eXV6/eXF7BW7yfGZ15+7f/1TEwPqEH"
    "z2TZ+9u7rjqqf4eHcQyq956BdfioWmRcw/sxZOFPxpENccyDNjxxJGy36jdFB8Yn5xEB+v"
    "p1DpIfBvPhj4P5d/Cuf6CvNOH89xfGJLh04V9DcMfw6toDWD+jO4kYy4a79XAewR+mGmuQ"
    "wTs1QFOgx4s4Qng2ny5m8nDZY8M+outL4dHKGN4tltNbed6XwqOV8W469874770S/Hr5pg"
    "C7Xr6hcgtdSjMLAuLC73tmWQ9JmlLsCSY8E3cOtiZeXpwXAfninI4yupaG+Su4tzWHaddJ"
    "kPAH8uvzIiDDu6gge9fSIIOtquksEEcEDQHM2ca+gxgxTeGIgL8J/OayAL5vLqnwoktpdB"
    "0NWCzghvdzN3dfXRSA9tUFFVp0KQ2t+dVgwzYi4A7cRp5u95quw5+gqJuNBWw7i/RPi+mE"
    "jDSBFMN8o60d6S9J1+yMItP+TSMHa4QJGnlr21/0JMTf3Q5+xdEfjqfXHjam7XyyvFG8Aa"
    "4xTtiP2m5XkhUkWsGL8rxYu5YFjDWTaJ2kOZzmc7itvcjOTt/YMwKJ+rwFhqM4wNraykZ9"
    "Jsx3qrWETLzfelIX6K/Om4K8FvNJYh5bYKM5iq5tNSeL7w1Ya1tVp0xnjBTfTnzaF8EYXG"
    "0pN/JwdDsYf/fy6swXVeDOgtS5xEy/zDxIVWv9qD2BjaKSkIawONoWkKHGSHGkA9oX4QFX"
    "WC9Ht/JiObidpfbwm8FSRlcuvLPP2NnvcCtJNIj0cbT8UUIfpf+ZTmR8q4/uW/5PD/0m1X"
    "VMxTC/osdmApPwdHgKX1II9xJsTlPWwOXWPTDgH9xMDf05mIEdYXuwWHK57u42JbmephRc"
    "bwvXCYs9+PUJIcXS1kBBIrPC5M3J0JUSTVq2idctm9i6quxMXVs/s4GboRPg+uAiT+TDZ6"
    "LbLMYsC/Q70wLaJ+Nn8Jxx7WDIBv7Xha7OorG6BfPf4WQKz8Y/0VK/Rk7c7ByDKMD/Dnwh"
    "EP4KaXI3Hvcom0UNGM/QYOMu6+p7Mc5skhSM0bS+V9efv6rWRqHMb/hljrp2CDrkdUD57u"
    "c50FXvv1BBH/qjdPAZTMM8raGsHe1JczRQEaaBP06R5d9JnALN1zCdqkgNvZEmptNFua4Q"
    "VprxZMJlXBGnkT8KryAF5qqKIM38UXgFyVZ1YCumtQFWRaAWaKQpGohXrODVJ2AhrVKHul"
    "dFuMZwCH6kjLTzcLczLQf+5OoPvWk0FLfPvZ1rrR9VG9SyCGfBYFyvwy9udRnhF5dj8WAN"
    "Z0BVGQoOwRM8SJ0xL8yEGpNScNKXMkLpV9VZP9IBnRpgacKXoqLpx3A4TjZ/BOX2YouBu1"
    "UN9ZP3K9FwiBhT+AhB5gldkB5knlQ7RZB5p4xlZxI9yPxBs2yo/zGGmqepOIwAaCT+SFdL"
    "QJ0iEkgXQ1qE2IoQ2y6H2Dq0rBRajK1TIQul1eg2sj2IuAY6+t30cIu4hlPkepG4hiA5ls"
    "3vniY6XLBlyxWJHK+7GicqV3QHJ1KeOwZxUW9wenalXMFzON3no+GysCtY2MZbZZrrCjpM"
    "ljlGS1PkMyfWM4j96XkFDZLee2Ft6tRD4izH2vQZ/i2yYrM/3T6kbbMNpDccjMd9Cb2uDP"
    "l2MIIfvLeVcStDUWjyvi8FBytjOVj83JfQ68qAY8p9Cb32ijEqpSRdFVCRrqgK0hWuHtnu"
    "/Z9gTXiW0zXQBEmb+dMmG8q9uSFEKC7BN8oeE97Pg46fp1/Ivy5TqkUmxy1SL8bTyfvwdj"
    "zxLY31Bj4E2NW+mOogaSqH3Oi7q+ARslTM7Q7Jz6XsORityEdqNaeF3Y4zC46w250i14Xd"
    "7ohp0ijqjQnUBIVIP8oCGgdeMiZ3ZQkFvMLOfGg7M2Uq1wAwWxhxy6ZxUYyziziF83CwGA"
    "5u5F5mC64BX75M0jiwiacOGVG6g6RR4/ZOW5qfgdEjGbfDa2e5xu2dpjjoNmHc5su43bZ6"
    "vbxF7Vhm+Vq9IW2bse4Nbm5Hk77kva2MxWAsL/qS9wY/yfMPo6EMP/sHK+PdaDKYoDPBwc"
    "qYzuT5YDmaTiBZfLwy5vLgZjoZ/9aXwqOVAaez/N6/oy8lPpRxP9Rf7tfbH5VH1SbE/+eE"
    "waWo6mH1cXeshgMNdxZ40L6xQBxTtHklld61Cm1aOXuWCDTk3XRVxGAJvu00OFoJrqcphT"
    "OiPfbJLJe9xAzXLrW6cVrB6TZz2gJPULIow+c0peBym7kMl6PFZsBNUAjL7V7LLUKrBqvX"
    "nV0ox75l2Ba1eiWmFHNccJNmr0R1H1ICcar2T04OMVZtSBi/OrW4z/KMX+72nq15QUzBna"
    "Zef2sIzbbhbEeCAlkEoUzeFFWe+FGPAtmSCDYkTmRDWh3TUQk5wbmFwZNklYuCt00Dz0Ow"
    "TFVwBy6BMiCn6ATK+1Aug7BAtyC6UHbRNaSwbclRBrkwZ4kF3nvwdo1KiJPIj4N5U10y6g"
    "ZcWKTpMhy/FmkRTNlM7F9QEpYN1zSRwJWA65+maxmqrgDDsRijKkmkwjq31zqnxWWJKxro"
    "+CtwfIYZ6dILuEBcpQhabTBoNbXga4D4J388ORyuW9tEUZhJ22SFShS6ZtRXQH6sGTxtH4"
    "0WW8BQyzXOh7gWMtArEUuFlb5TD/mzHCv9F1c1HGJ0f66anSQ7UZPGZWEN2wBOOWNGmvBE"
    "cWYzN5fCOU0ocN5vMYqeCWx5gxlCoevm2BDQ87acISFBKRDer+om5mUN6gKXfY9wbSG7lA"
    "soZsnpWZ9dgTPlAEeasKZbFQgUWncIikbC8EPXMJJNtIRi0aktNU+xEOE/jYb/wL3RcQn2"
    "lWLJbzF1U0k7Gax7s+liKd/02PAOqPqS/74yZoP5cjQYj39TZoMROp/6jK77Z9Hxhyk6Rq"
    "+9EjyrP4dNhGxVC9nalEBvI7DzRVzXsoBB6oBM35CTNBwm970qsifTt2RCjUwRUCgCCnlA"
    "WQQUNhlQ6BkalZ1KUjvyownTlCKsrQDMvp0ClIQ6SS3gLgA3FLfKIR0Qit1jv+1dRGueXL"
    "SmKHjKG9dDjETBUxFLyiHEtqoD22+lzgZwllBMYVEDtU5/GnM4aWJK1gDwAo02DQfjFOPs"
    "KhZhu90I28ULMtQRvcvRRE/Xe6oe4sxnCENaitV1c+3BUBGrmfq8hbN8EI3HE2IHiNCghY"
    "Njc3BvpIaIA+cwXAOqrlq4pgpCmyQ5nJDelEG0bg0o+TMymNJ9rhgZD63dDtA5T2QxUB81"
    "tWUxoI4Gys4ipoTuKcmQJBQ478F5o9m+groD1how5zKQyE/OdfWWAW8UG2CRo4r2hRSEZA"
    "Jfkf10dM+gyH46DM6h0FA2tIBIf3I7CHMCZUm0cdJTBJptDykJNE4qgM4DWpQJakbr3lnm"
    "xl0zuszTRALXPf5c9rRUCrVAWlRhqtMVxlyFCZ+Xtbp3OfPp4GBT1nQB1IPttgawZ/FInK"
    "KcfjTV49dVRGmmIzniAg9mj+CECy+d5Tngdv5NwvfGl+9NpEo3mirNnDIq0kV75aqdCyNi"
    "Uf3fAg8A5dYytQdOEfHnGW6kRbDIe24671kU7BcpYK2Z6N1MBhIF+087GYhHjEW2ykkWP+"
    "8qzjWnUYig95bY2hLA0a1uaXT32t8UjLvCFNepJ9NZjilO2D1E3EN35nHCpxbsTGxxDyki"
    "get+yXUXe2mqui7jkToGcWHXZWp2Fa8OLUId6gp1oAuqjQpegVOeJG7F/vocIcu/SUhWfE"
    "lW9meXxQYf3M6de/PNZQHr+5tLqvkdXcKCo9UtkxcpvJ9Dz0YjuYWf4V8j47u/znZIezis"
    "e4vldPgze53tgKwvBQcrYyHPP4yGMjzjH/RKMKT+Gtrw6bB2LUCWwooxBRvigLy5vvuNlS"
    "+QpC/Bl5VxO/gZMgO9luHEVQFGXFH5cJVx+plblj0nuP2AUMsDRqTLOq1rn+G6ZpfLs00T"
    "Ch9qnh0CbQ0bJOquTZvV3JOhPUWoRX5tkwCz5NfqQIXDaFvU5+CZ4G2gai5ZQlHFI5v38g"
    "CcZ8V2zPVn1m0CIz25Scy0S2w1I0gmKFnLgzyAAD0PdB+vLfyN2k5n3aCzxALs3Arp1vpR"
    "eyoVt4WR1hC41bJA0I7EaYWY5AZqifA8+tOZ3/A8UaGdN64TFnsUtJJxpuyLB8qUTiwfEX"
    "QCJUM9mVnRwVPgGyoP1gKNNEYD8Y3V1nyqOq88qG7hOLwidW9uFddWP1UF6trc8rz4drpq"
    "GPB55Mn3VaMX/bF4K3eewuuraX2uBayPcCCukcJLBlTdsHgttZAG7VHbeXE0dSAWjMUzXu"
    "ZuZ1oOqjn6XAdk03g4nlHz3EaK50HSHLCtuu1bnoBqOyM4FreQudb6UbVBfRvaLBiR+z3t"
    "i1tTGZJf3FOvQJIQbzVdV8wHZQshsDQ1T3OaGmBpwpcCsi4cdPpwmxyyk5ZFMsoMUY1+wZ"
    "uPqrNGXv9MZGPy8lledGNQh+crurNgE4Ue5JRkmV+lHbCkIB9M+qo5j5Iq+cNJuraFr6ax"
    "BpLm2BL4tjNt1wLSV9WWHjTLhneY5mewkVTnB8l59GNiEtg18BUrA42n2fD0Gp3++qjpAA"
    "33qBqf4JeB75FZyEa3RoOdSbYpOV/N4CZbMqDmbkn3JvohhgF/1RqOiyhsCD/8ZaZtwz8g"
    "fbdyz8/Vt//8x4teNPVE5GdbIj/NJ+/xCKcPYUcyTR2oBsXDlCLEgL6HlE3t+tGZw7o6rq"
    "fTccrweT1apk2bk7vba3n+3UvM6ZT1W4NvawA2pezRGKlwNrXH/izcDqfrdmhlLYjOP7cY"
    "nDlZsbxARYNQ0m6+nsFRWVFDNYPhYDEc3MhY1lKlTKSE7eadqz9AVYZWfZFyZ64knzQ0Pc"
    "REBWX6j5bmOMCQNMOTgOHdhg0J4FXJfJCQ2Psshaa/MylwH55JQVIdlIY3oWCOSnoiGpJY"
    "38i3rAzP4uEL63DUDVD1QFL3RXoV3gwFbwnOdkjkQFneUxk8qv+yhYzeQhkdzm4NzQYF8c"
    "wlmA6KpVYQhjlgzL8H9I+j2Yw9/SVB2pcSH1bGbDBfjgbjvhQcrIzovuR3HT1tIIwwqMbA"
    "7CgH5t9o8mE6GpZjYEjrczD8RGJhfGfq+47OxDBnuhoTs6MckIl3k9lgxMw+n6ov+e8klv"
    "nXo7GPzir02NyVLXqYJT7F2FnmsiEl0SZQC7jz4N6pWkmoMUoBcy7MlrnVbDgvWStUZwgr"
    "lqrujoGOUKpamMDoz0B+TWDJWKLSvYiEKYyS9pa0bTChmyUU6NZpaEzgW9nYOE2P1SmWFD"
    "U4Zucj2ehI2VoqYxzHKHILcXZDbdqumwjqJ9hy0yH/dPstnmRQJA5DekQm0e/+W1q556/U"
    "V5IXdv8Pz04KH23AegIbKUw/RdZS0wBSUM8K2WDRR/j3waPp2uAHKZA/Mlbbhr5nZZhQFJ"
    "BcOJssSfXCPVBshvTdfzbmFjL4BdSTgOGY1vML9BVQY7L/Q42o+D3Zxiv6rt4fwop7zEgL"
    "Q0ETh1FnS1Cdor5WPIM3XHqM+CbJBMB5AAtVjr518KvKiZ69zShx0VOZDVmcTGBboC6waG"
    "lab0tT4jyuAd6PybE4BRhfwK2qDhxnGdNUtzAFeZ/mFqU8Fwugt+E8gVpTEH7u6Uzfe1qW"
    "N9oPQQBLIEdIpiX5mEEtDGL+yYV/3Ia61wOEVdIcXy3KRNA38B0iUKZdKlbJ6lTHr0l1JH"
    "9NOT1Ltf2kpGz0A03FCilEVeNiVY1t07XYuo/GFE1hzFPT4dY2eOWp9Hm3Sm0dFPlumguK"
    "VNoS5gJhLugCtsJcIMwFXQC4srmgFbVq2hnCdtiWl/FsJdhWUlOZbluJZoPov8SX4WINec"
    "2ii4T3c9eBqX5dT3RgatZW0S01T7iFy+t5DFGSolqsqBZ7iLqLNYmxPMHUpAz7k3k/d40e"
    "QYANruRKr3+a94rlHqAr+++9OLnyEaiWcw8fNOgx84eQag8p1ba5OWMNOPcGw+H0brJU3o"
    "3e30FdvC9hJ8JU5tHkfZjLDA9Xxu181pfgy8pYjAeKvBgOxoPlaDrpS+nPK+OXu+lSVuRf"
    "Z6P5b30p+Ql3cR9HuK6WCn2UFOhf7uQ79gx2nwqxAL2vjPndZOKxNTiArLwbDmX5xis9EB"
    "6ujHeD0Rid8t9XxnAwGcpj71R0WIaVjfTuRPIhgZnvdFOlW+4jIoyHD4iqKS6evzhG1Oz0"
    "7nosS7O5PBwt4PJMC+XexbQTfS4PxpnkXUslFfD9aTGdUCCOKHANSVs70l8SKgvc2GL514"
    "Nr+BVp7l1NdzTDfoG+9t+My6cO9BFCKeUonMzf3Q5+xef5cDy9xrUeNMB1Nmgc/X4GdsQU"
    "ldjRTovowXAHlmUS8reW4Btlo4kIGnK8twXtpfzrMh/taMcZTyfvw9txFuCzHP5tG5la7g"
    "mhUXkRD2k6HrDHHqMX50Weoxfn9AfpRbaX3NoxLaiffAYGaxFAnLCUv7ZtiNfsCvdRcm3W"
    "3PIMnQCXAK7jgO2OZFeh45ogET1qcUDRdlMCVJzscMC+6giw3jbJ8jSLCA6obDYlJzet18"
    "O/6ALFBl8YpmyKRmwEmaLfhgdQqaLfaVJR9Ls9+ZLZCEjDdJR78GBalKJRdDanKQWX28zl"
    "lFuBkc84reB0mzmNOghSVA26rJEiEmpzIbV5jXwEuhIZHbJ45/YjIZGLriQMXUkedO3TI2"
    "Ezo8/ymKKWKd6iMLTLqwLz+/KKOr3RJREmdZphUph/1CrH9TSlEBHaLCI8aIZmP5ZiM0Yq"
    "+Nw2PjMEPTJFXiUshNYOhUURxB3mhpC31i6IwurkJKncB/KjJ3b/GOpXPVKmBXbLWW6+hS"
    "/GRwpbiZaQqOWG5I+DigCugW3/IP3HUSHQ2/D899+vH8H683+CDi2aQy5gUX3ImtM+6JJh"
    "BcWnZSFyTek9eUUskB2VNW0hTdXiqLnjQ99K8axtQnnXn9stNtYJVndDRGMOjnctQ9Vlw7"
    "GeSZJH6nqu2PGnf6cC4K2ayPU89HOn4ah4w93ek4qX56QkRhTcSVT1u65Z27XU1KWlZcJT"
    "XhhztkvLFmxNlgkZ3i9yZKvX8yqQJtGF2l69oFdf1LTPb8V4K0+Wfi9GdIQaxf3mnwoO4F"
    "3L6fBnZXDz091iGdyNnYFUU2UuD+XRDBFGxytjOJdvRkv0s+D3Jj6sjI/T+c/KdH4jz/tS"
    "fLwybgeTO9S5zn/H1exCE6SIHpKjhmS1EFGNTFQjE/6XRvwvFqrpagObLVIYoxJxwntrZo"
    "WIZUFmruqEq0ndwrloXSdsilUo6+S3AFdQC/CK2fBDb6SJ2eGuhPlVA4JWoxVhGvmjcIpR"
    "0J64IkYzf5QOPgwLgeSvXrVqRRM+t7oUUjXUmgtQKlhqrjPz6QCmSA8yuiUyRHS/ITLioj"
    "BDdkpiO8sxQ27AvcbaQDqiOcVOWcVbR/siGSO2MZEANw9c5BRh7HubJBEVkAmhvzrYfAKW"
    "oq7XqDc8G7hEWoHyfp0ZhGLfYRXmtqFcVGNOLuIChabT07IGmMfegIN4PE5xJq7nVnWpSn"
    "OCIN9mWEWXcNP/Vsi4fMm4oqxy4E8pks5Cz2bJJLOImsrNxiV6ABHx3e8tDmnbjHVvsIBX"
    "+pL3tjLGo8H1aDxa/taXosOVIf9y553y31fGXP4gT+7kvhQcwDt+ncmTBTwTHJRx59ZTSI"
    "8hBC3mcsa6ImxkB7SRXWu6Pn24hShZGrLkEuQI/JZcSeIe3mwr5oOyTd0vhAlehIndo2o4"
    "5pawUPPSkhNUIhuZIRtZxGvQJzq/8RpB990SXE9TCq63heuEqP2sz7ktTQM7//wqJYfWIH"
    "9em1v+Zc8CLQLDVN2CNsUKDQKPOlWL2hJz2gMOB4vh4EbGbIjVJPpgEpIk+Xh+5kjw5rYp"
    "T/fvaPCeB+R2ZxooNOYPIcwfU5g3bS3c0oo+cBIkorwhLq9/caGeoznPyo6U25Tr+cZJj+"
    "P/bn673OMCvyzsAoc/Qt0htNaA5NrKBTtDe3LRBm8ZkEaPBKb9NyYQLnCSVh8+/thQxckE"
    "tvvDC+5JpipmrzfBBNoxmIvKqvHKJcupxGlcA8L8NwnHV2+rggmCkkkEnSEupkRXGYLaTc"
    "LUz5d20MG2ZkEfsh4b4r1sH7Ph9HY2lpdeh7LwEO9jdjxHa6pXBXK3ke3E5OkfETSf698a"
    "/SKb7P9oWtr/oj1YfWbpSIGTCRmMIN9ChWJrKztdNQxSAWP6xozTCQNDpn/CtzXwfgRT97"
    "w0VTs66KHv46aDnvDT0ldANz12Rfy0ouItv+XUknwOWnazWWvSRLVUT+i8tlHKMRvIA4pp"
    "bYBVNSPbH2uKhurgXlrKTRtMxMpu2ri5fZembVHzTHq5powz8CdIk7vxuE4vbWoiEswu+E"
    "SlG1+yy6NRE8zvvWAuWRAf1QaKpy3+ISwzh7TMHKlWVtu2Q6xbSZEUhEt6BkLW7/UZ/q+y"
    "5q+Qts3F6mZ36K+j1IHwyC8N924wXN7NZb8+XPChHcau0Ele0rcu/OoFvL0bN9jUsxjTy4"
    "cmaE7arJh6KjIAiNOdNIg6EbzcBAOdjFt92QWZ/bb7yQU78OkT+hUZpOmGxASJsCLWbkV8"
    "0KxtSWtSgvAgtqSWVHHunCkp4BT80+6WGDmR02cwS8pfT836K6G3Jq3iuIuobkcUsz20oi"
    "20bRJN06VkSQY75qiqwp3Q2oZuUasdxWJHDFejpqscN1itjcZQ5oyVgwWqocZ1VKNpfPFs"
    "Xz+7Q5lLhV30kHZR0VSmUVFKWN+oW2pt1rcoDQjFC6NNl7BPFMsjSg1wcvktbKlEqI8hs8"
    "0uTXXSFrv224xbYrAgYNf2MOsMcr25PJYHiyAAmiXMOqBDxav8I1qg9XAwGcpjL9Y6OmyH"
    "B0pE+tGh5zfST1Rk4Y3rBGttpiJLJEGVWe0YrYjwbA+js+u7xUZinqyaLTXBtdK0mWODO3"
    "a26MQzmiwAxBMxiWCJw+44yzPH+SYYxQ5ubqTujA3CFtLPQLVE1Znj5pVGzChqpYspOIxb"
    "rF9H8eZ48Xkb3i6y7TIdQVTbUZ5U3SUYNuitQFJEAlTGxI8mH1wLVQc21X2UuJr7wLLRfc"
    "KBxOOjSTiQGnUgdc/UeTMfvFuy2jk9or7kvSEL5+TdaH7rWziDQ9QCfr4cDcbj3xTUFn6G"
    "rmZO+c3jvWvRmeF46llQ/ff6LKX1N3QP+swqO1PX1gSfYTGmZ0c5YDmR6US5kcejD/L8N9"
    "Y5kCDtS4kPKwN+mM5v5Ll32jtqh2XbQgqYjSxW7MHrOGVFf053LF0Ef87atVCaFWXGU6yF"
    "CRoOVZxXRR4k9OdI5jHi3jum47utGTzjSbJT9IcX7y7pQOaVQThFJyDOhbgMvALaQglsQN"
    "eegPWsVBM3CcMcUPTwgPWFPlbRI0HalxIfIqEzEjWzAmY7RJFQ6KvGwOwoB+bfaPJhOhqW"
    "Y2BI63Mw/ERiYXxn6vuOzsSd+ozyVCoyMTvKAZl4N5kNRszs86n6kv9OYpl/PRr76KwyTI"
    "dkkF+CbxR7UkTAQwZSniNb/nWZ8mFn0vwiP/Z4Onkf3o7n/uEKgu2YW2Appco4kKl54MMB"
    "WkrCbyydZInTioiONkd0rNHTRNfLcRqjFZxuNadFRCZnsXkiIvMUuV4kIjPoUM8Wp5cmEn"
    "F6++P0AsSyGDPH6Q3ikToGcdE4vfTsYo7Tyxg9Kla4HPmjcAR4OiKnepfGOMyDt2aNKR/J"
    "o7ZDhpOqYAXD8AQTU4RRonSLqz9ouk4u2xJiGtZU3Y/sdLczLQeC5Ty/S4/cSVUifzaa8Z"
    "+tGTtOAfvimsQaaMxQ/RIOxAlIpSP+aE1Rs4+DQpF/TfVIFeF/oh9qt2N9067Y+GdkMKXb"
    "uDEy/ozbF69fFwm3e/2aHm+HronyHIeuFIFkDmVnaSSfTS7KaUKB8x6cN5rtq9Xl+vuSyE"
    "8uaIalxS+K3LLIYZ/7Ar5CMoFvDr4GcBR1Szaq5SKcJjw5jJnDFkuBnCYUIBcqUGUBG1hP"
    "5etTJelPEfISNcGQUW9XHvEEuQC8EOCBTb404kl6AXke5L5RhcmqkSQRXj1SgX9R1eQQ3l"
    "IzTBmu6CtN5x93DOOi7tLkou1szeZWIluxYEw2+r4GX2vgjT4FR2sdcIXeVt7warSmQ+ih"
    "Jvl2Et7rHK9O0lW+15vTe2+aG1vSgfoEsZBUCf4F8Gi6NpAeTEsyDSB5e9wPkubA29CkkN"
    "aqZT1LziOQbMdcf5a25hM8+93KPT9X375+cfGPFz0M4Oa+Rfic2uVzEiUnmi054eu8CskB"
    "lVPaOUV10qWd16btlEoGThOeovZb3KgmYtjpG0Q3o5mLxLALm0f9No9ITmLDFScT2Aq7B8"
    "uToLzdI9bNidO4Bnw/JsfiFF58/VYwfwg9/qh6PDVOE8N0vz4vQjQ5VJdFkBt1vdYb5IbU"
    "N0aQU3SnqPCxujvRBlVG/k/QCUFVOD4Phmv0ZGUCFqMSyJKQRRZ7BVnsGbHF6Uqh27ZY+W"
    "b1VjvhFaqquvKXHnmGaVbY6i2gu8bPqFqNA5wpUzjOmSd7AaRFeETN4RHkLbmOaYwGuw3G"
    "6tZuXHijwB9FrepZJD9RYgT8C2d5BgXwVDg6oIoh4XdUofhPAOeoN3nOpOgzxPMPJjPDtf"
    "bpVCwN/7y4ePXq7cX5qzdXry/fvn19dR6JC9lLeXLD9eg9Eh3Oks6g/fYIlwT/3d3ohqIi"
    "E9F34ekXiKgZ933vXw+usUb4St43oZfLf/ea3S9IEPvue9/jlvSleX8dy+UIlkDRoIjw/o"
    "O1hjhYTMSbywIxEW8uqTER6FKmMqtuqoR5+9NiOqEoxzEJbtjR1o70l6RrdoelBxK0CIyU"
    "IzlT+xMv84nNajQAXvvTXHul/st4+jHSw7j6W9I2u02e/RCkXNf+RrN3qrN+LMXpDPFBCl"
    "AKVpdjNS60FX1i4XT8VTloIJovFoiZZN40HUc2soNIv8nCgI5pQR3mMzBYazDihA0xoXu+"
    "Thxd12YNCsvQCWxZu04mIm/A/aNpflaC9h/ETrUssSAf/fFugm4i3ZWRDxsOMgZq2syRPH"
    "+WZ63R4R0i6qN7q/Usx8qyNrc71XhWvM8MMhZOx2FvtUZKScFvdODKKYF3mk7gXQxvsFU1"
    "Qn4FHeiIoCGt4Xjmrkbw3UGMmCZyRMCfVla/PdE2XYutiU1MwR++jTSu6V7n5In8kdHDgE"
    "j6EnxZGb/cDcajdyPU1Cw6XBk3o0XiQvKT12X5gzxfBl2W/cNeGe7V3lwLfh0U/Etmd2G0"
    "ohNNmy2BIouPvsj4zeITnWh44zphsWfKfiR25jI9aWjkHJmmazOLxliF6mVJqNPkAuo8qB"
    "MdG8rCnR1CQL43ODmzMWShb7AJU8uwLhp6SNtNUxGI8MdIk7vxuJe/udSA9zAeiXe801sq"
    "E965PWGYMeeyJQwd9+zeSsH+ONG2SW4QnDgYs+i+nPhvaiKTt8eXT4fVtyB8Cmw2b7hjfq"
    "IAXMhi+Omw8bS92Xy6mMnD5WjyntVwmCDtS4kPkSFxOFiOppPImOh/XBnw1tl0MRh7RN7R"
    "ypjI76fLUXB/4sPKGI6nC/lG+YguxMfRefi6jC6gD+0wP+4s816913TiY3axVXU9LyM2SX"
    "q4xM2XDfc3enXx9k20naEPeTvZ4nYwHpMyNrtmkZ/O5AnrykI0fQm9rgxv4nsz3p/qZef4"
    "VYEpfkWd4Vf4BC/V8UF0eyhYmA6FnBtrwtaREwSQoOHwYf2qSFArPaY14/r/tgNrT5XSTR"
    "soYU3JrB2ZEghAJq9YsrJdAQJ5kzpbsNL8arDVU40IuIulaMQVraO6nhZQbbaefhgZf37/"
    "1+dFwIZ3UcH2rmH7L1rVpTyKSULhNm6PJ0m4jfl3IAq38SlyvYjbuJSzuAYXcetYXHf9pE"
    "RnbrYCShnCWpyUnbfc5rgoj+GYbNv8LeqxyfFHslWlVdeO9hS5QcqnIw38cThyklHci1Ea"
    "UHmswlwjDnGqochxwonHWWmuFFJfXNOpCtUvaAyeAMr6jomP4ixqUwMsTfhS8AHBVBq+Vc"
    "/gwlWzMvJHEUc+DfsHV3/QdJ1c3TCcsSEPmJb4u/TInGyJ5cMaaGXKCbtikfCGZ1GsvKOC"
    "8plED3GAyqMWrrCC0CZJDqfpNexvrU3NS/6MDKZ02zNGxp/tuZEAElFqn/ok2eNfZSy1v7"
    "M0Uvrk/lr7EaHAeQ/OG832FfEdsNZE6SgXbRL5yQUOvGXA2wCOUiowI014chgzBWeUztGo"
    "KTOjbZuGaCPRXlxz7MnHTARoG9RFzQZ74v+Hg8VwcCOLavGNVos/Tm7FDAl9Y1Rul2B+iC"
    "+e5RkePMFRQTV7hcmBL5ND27IqOCskJOJhm46HDX6t8mAyBXFiZLWYeI67UTQJ8pOqa/CR"
    "ZZlbgnpGjTVOUzUeYtwag0M2xthHwjHZ0fNpThk7Ee5IX/PdDHwT4Y6nyHVauGNG0y8W3u"
    "TZVysHN3FW6CK1hDQHbCsCFKmHIzhWB5cKQ0BKAwq3B1qe0h2iWkTxViJ21qt9/574Dm8i"
    "xLaarWYokXfuD6GmH1FNT7Ei+0DM85DgpML31xEfazufOVy7WLsHOYuTNfkwYXNRYXTCSy"
    "W8f43imuP9S0srlR1TCfdHx3Au7prCVq/w/J2K58+11o+qDfyAeJIikrrhLFcRCW71Q8+F"
    "F5Av9cJwt/dsRTBiinpcVG3yndTfhvDkaj/N5aE8+oC6K4RHK2M4mAzl8dhruRAe9krwp4"
    "GWC8JL27AD0SAnxS3BN8rOHRHwEHyfZ6GXf12mjPOZrtGRgX48nbwPb8dbSQuXGd/OE+Ey"
    "O0Wu01xmSa5bYA20p1Jsx0hF1af2sDm7um13t9M15nIlaSphYNpvYAohq8H6wX+9Emx+VS"
    "hYUkOFiZQ5g7caEwczFNEy1YnoFjUYiXR1Dq1GIl29ZheSyKBmkuFKuZ1DsJRQ+i0Jdor+"
    "FPNOGQMq1ibJY7c/niKkExN7D8pRZe/SJcFrKgbesiwftmjzEiUhKxeDbNvMFJER7cU1Ly"
    "+aXEKN3WePe4U7BnPhnGhaETURE8FvTIRfWpGg3kY1F+kqbVzase4QbKykwROwbDQOHnP9"
    "e8IX7KeHuVAW1f37hN4roiW4iJYIZ3/xiZugEIICqdp5y+NPsuD2buaDd8seG74+UV/y3l"
    "bGQp7AD+h1ZQyGQ3m2RKEn4RGKUflJHi79GBX/aGXIv85Gc3QqOICj3M3k+UK+QSfj416J"
    "lfKyyEp5SV8pL7MrJfEMyDB3X2ZxRNa8utcavTqr71kA/mi7jNqcpTxpIEUMVdMxVGvXds"
    "wtVFks8AAQbkyFW8jUPERXHaCHme3eO6ajknbZPANmkuwUTcTFSxM6kIVlEE7RCYhzIS4D"
    "r4C2CLQW+BOsyzQ5zBDytx830ubQBoZTIuAtQSaC3doc7Kau12BXLpYVIxV8bjOf/f2vZP"
    "BqilTwuc18Bt92mlWKzWlKweU2c9l2d8CywaYUozPEgtdt5rVIMaLLv91MNhEpRqfIdcJi"
    "F02ID+SWE/04RJPnToGbF3wmmnLU3ZQjDpUibMY1gMx/dlpt3bRrSE7z4sv4T0oTfX2P19"
    "e3TCgkLdsvNV33hESK5L6OPs/PJJHcdzBpVPSiFb1o2/AUrzetrwV1knnHuY2Fklu1UxcA"
    "nKVMMoopssjBoPtCkUIyga/o9Xv8gLpSIKcJBcj7C6rbpmvRYnH3Z1fgY7Q5Dro3GA6nd5"
    "OlMpuPhrIyHi2WXkIFdm5l3MjvBnfj9H3ZcysDvfon+lJ8vDJuB5O7wbgv+e8rYzqbTefL"
    "u8lo+RuknMiozGj6TK+M5FkkMi0nUDgbJywynZsqjILMDEyoJkkEpvsN+F/C/NeKVuUoj7"
    "Zj8BY11CXnlcgarxPZFmeNX7s2MnHaQxU+PDYqsZh+5p6zPMPpfXC3sg5uF/ZTvuynx22s"
    "3aIE8UYSslCQ0P+aBhPCSZo2S9klcX5zWQDmN5dUlNGlNMiPUCkheD1/WkwnZIQjAlxt1N"
    "aO9JekN9hop/evB9dYIwSle1fTHc2wX6Dv+3ev2acaCWwEEBqZXtMdL99+lo7ZQgPgNd0f"
    "TV3bqM+M/IhpBEtqZ4mIgaVvTd2MhqTFwGb0piJBI7auKju4Atda1diRha7O0EA8BUM1Wt"
    "B4qNqgR5DRvfO5cvka3tG8KP47Hpq0g0z1tgN4Y7LKE3bhQbNslC5q7yCcQNnAbwkvwZNw"
    "e0G/LTotBH5RFepIwmgDPbTce5Twx4JvgoRDeb+RuIncIBV6tyYOg1TyJJYmejbtLM20iB"
    "Erhf1IEf0B63RNpvPbwZhRooewfOxL8GVl+PR9yX9fGT+O3v/Yl9Dryribv/dKePnvZTw8"
    "VwVWyBV1fVx1rY8fiT/yR1bmQBLID/kjcrvFHf0+DkbL0eS9Mp0ow7vFcnorz/sS4SSqq7"
    "aYjoPef/7RyoATfuE1/vPeSznripg3LujmjYuMeSOWrTIMzdfeUoQcKm8dUdYIqWu+tpZk"
    "clJiLpeYTB5BZCe3meueMlS2KVqKVPC5zXzG9GFHtaDKrWw1wyW2G6XquHvHqSX/79jqQ8"
    "1BGQmLQ2ngc8cQoGdBx2aqCo81+3PFx1pmILHrdWjXC8x91fgfDyJ432beJzbM8mufOojg"
    "fUd4X27NEwcQPG8zz3eqa0NlJAoXYxexckYQSZq4ePVV1Rz4fQrEipjWlru8MsRiabV5aU"
    "EEVN/zrujgCRBqIy+2qq5TFxaJnpsV9eri7ZtoMaEPeetocTsYj7OLKQHQ+hGsy0gqlCEO"
    "srBa0qSwc+tKhEXRFxdfYVGiNCDPXCcsdlEa8EByKBzeUVkTCdNEwnpKqAgYhmQyFlzM0A"
    "lw9yYUikJ1NReqI+wPNYA7jEfq1vQtim16V6RUVSNvEjXAyxK63VGAM5tjhUKLkFHak+ZU"
    "jpgf+ONwhDpFs66IEwqIl6PBONphG08vSKBGSTRI45qfcqBgHK27wfQ6SHzwDVV4X2mRKH"
    "DIRIFSxsYjWBibh7gOIyOt6Ro9WL1it7W2YXnoQPUSLbl4Nex015AjrLb82++KWG092YPN"
    "yBRT8PQoasoKEgpeVbX0YJiOgVtYR48nFbmm0nHK/sTKO0HET2n2dOkezwIXJX46tbTzBH"
    "lR4qfJEj9hZCK16nG+wkQgP9zz6qoD0RmaHf28DLTXpqkD1aBsDylCDNR7SNkUqtGZw4ry"
    "19PpOCXOXY9wNenu9lqGExwrHEtw6wkh+ySFbL/EH6ugnaISwnYRYTsuvVhR4CZVc+wY2M"
    "WF79REq+S98dyYlX03Rd29XXTdRAWGqjltOEXHTwKsXi5r6Y3D0aJt1J8VA0bWc2M08/Xc"
    "BPfqdmDFDvmo0InwYh21P1gn69WwA97VWjVYfmflnPijpA21fn0Qk/MqpcELnPNxLhO+WT"
    "10k0dUcxSpo4S/tQ3jovoTPfbtyO6LOxsQOxV453OFORfeIbwVfAlsx/VWHHu/bN5fAbaq"
    "RgjrogMcEXDnD2qkNKll6qWbrIW0bZ7LvcHN7WjSl7y3lbEYjOVFX/Le4Cd5/sHrkhYcrI"
    "x3o8lggs4EB161xvlgOZpOFl7NxuAY1WMc3Ewn499QPUb/aGXA7UJ+79/RlxIfyiguL98U"
    "WUy4/T2xlt5kXH8oepvA7Fy3VEx0QJdUuMaER0p4pDrkkRLJurxxnRDjGZmNmTtXOOZnUD"
    "WzZLDTlmgYjhwVTepqH8H9o2l+HjgO2O6IdnjsjrM8/e2rfy9cpd7NjVjk4ZfC563lafZB"
    "J4NKFvlr7dOp6Hj/vLh49ertxfmrN1evL9++fX11Hil72Ut5Wt/16P1ogj36y3eqoMJPbV"
    "RxusYzkRHBfUZE5Pqglf3PM+fjlKJgQHbdbFzLL+20ZQEXoxI7EgFZYFkmYYOn58RFBKJ1"
    "C3tGnAFhDUWtEioVgVwUDmzzgyGUfIlOyDwxFiPkaes6gEib469M6iIVPZaBmnWTGLFjHC"
    "nqt8RmY5s8lzgT6Opwkk/79eHgLzeSivV7DzwFiSa2ex8PgyvFyfaO+NbP1rJRaMyH0pg7"
    "2PhrJk9uRpP3PTa+hGR9KThYGYu74VCWb1D3ruhwZbwbjMbolP/eErdRsJAodcdyUsUwOm"
    "6q+NamUAgR97REXHv9CDau7lkwLJa1lCU83GJ62ZHFpAPV9lxokSW/ILhZQmFWyoGXdZdK"
    "EYr9qc37kwhboC+nbjqwRdjCKXKdFraQMmYjtZrZ1pakEoY2Rk04IQgmTBmMNbOzlDzxoa"
    "nUi8iIVNGOKYfjdAzeotbL5Pommy5p07g+I/ECG5VTqAkrmdVYnDHSVIwuywZDcYL9IYLM"
    "UtOWblrHZ/d+83pyooj0Ib7Sh1yLKbkluL3NCRdlk1vOL4ukaqPb6Okt3sW/CWKuP1gG6J"
    "8W00menBuR4aqNtnakvyRdsxvbJHv/enCNNcJUunc13dEM+wX6vn8zuh7qsGMgmFJaTSa8"
    "A4/kOEurK2gAPLwj+TMzjKGH1GBkIrCGPbDGBmsLEIRh+rYTU3C487y8KLLxwLty0hYz20"
    "5bc60yz87Op1ptNBv9/Y1CK1lPn9YEUh72kwNkjQpDMR39bpoMhaH4FLlea35bOgysshWC"
    "w1jBRs0QAwj9+rFHsDwEV87yjA1qfI+wLhxs12jYugCXj03Ur+gyUYKEQ1m/EWEILSoGhI"
    "PbOUT35XmhAjDnOQVgzjMFYFCjSaLvhm68SZAc3nBzHENBbSYahid//Q+zv/8fh9OHww=="
)
