from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "supplier_payments" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "number" VARCHAR(32) NOT NULL UNIQUE,
    "date" DATE NOT NULL,
    "amount" VARCHAR(40) NOT NULL,
    "reference" VARCHAR(120),
    "currency" VARCHAR(3) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "journal_entry_id" INT NOT NULL REFERENCES "journal_entries" ("id") ON DELETE RESTRICT,
    "supplier_id" INT NOT NULL REFERENCES "accounts" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_supplier_pa_date_d9c000" ON "supplier_payments" ("date");
        CREATE TABLE IF NOT EXISTS "vendor_bills" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "number" VARCHAR(32) NOT NULL UNIQUE,
    "supplier_reference" VARCHAR(120) NOT NULL,
    "status" VARCHAR(16) NOT NULL /* DRAFT: DRAFT\nPOSTED: POSTED\nPARTIALLY_PAID: PARTIALLY_PAID\nPAID: PAID\nVOID: VOID */,
    "bill_date" DATE NOT NULL,
    "due_date" DATE NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "subtotal" VARCHAR(40) NOT NULL,
    "tax_total" VARCHAR(40) NOT NULL,
    "total" VARCHAR(40) NOT NULL,
    "amount_paid" VARCHAR(40) NOT NULL,
    "amount_due" VARCHAR(40) NOT NULL,
    "match_status" VARCHAR(16) NOT NULL /* MATCHED: MATCHED\nEXCEPTION: EXCEPTION */,
    "match_exceptions" JSON NOT NULL,
    "exceptions_approved" INT NOT NULL,
    "posted_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "journal_entry_id" INT REFERENCES "journal_entries" ("id") ON DELETE RESTRICT,
    "supplier_id" INT NOT NULL REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_vendor_bill_supplie_594371" UNIQUE ("supplier_id", "supplier_reference")
);
CREATE INDEX IF NOT EXISTS "idx_vendor_bill_status_7a5391" ON "vendor_bills" ("status");
CREATE INDEX IF NOT EXISTS "idx_vendor_bill_bill_da_1c9b64" ON "vendor_bills" ("bill_date");
CREATE INDEX IF NOT EXISTS "idx_vendor_bill_due_dat_de709c" ON "vendor_bills" ("due_date");
        CREATE TABLE IF NOT EXISTS "supplier_payment_allocations" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "amount" VARCHAR(40) NOT NULL,
    "bill_id" INT NOT NULL REFERENCES "vendor_bills" ("id") ON DELETE RESTRICT,
    "payment_id" INT NOT NULL REFERENCES "supplier_payments" ("id") ON DELETE RESTRICT
);
        CREATE TABLE IF NOT EXISTS "vendor_bill_lines" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "position" INT NOT NULL,
    "quantity" VARCHAR(40) NOT NULL,
    "unit_cost" VARCHAR(40) NOT NULL,
    "tax_rate" VARCHAR(40) NOT NULL,
    "net_amount" VARCHAR(40) NOT NULL,
    "tax_amount" VARCHAR(40) NOT NULL,
    "bill_id" INT NOT NULL REFERENCES "vendor_bills" ("id") ON DELETE CASCADE,
    "product_id" INT NOT NULL REFERENCES "products" ("id") ON DELETE RESTRICT,
    "purchase_order_line_id" INT NOT NULL REFERENCES "purchase_order_lines" ("id") ON DELETE RESTRICT
);
        ALTER TABLE "journal_lines" ADD "account_id" INT REFERENCES "accounts" ("id") ON DELETE RESTRICT;
        CREATE INDEX "idx_journal_lin_account_057c20" ON "journal_lines" ("account_id");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "idx_journal_lin_account_057c20";
        ALTER TABLE "journal_lines" DROP COLUMN "account_id";
        DROP TABLE IF EXISTS "vendor_bill_lines";
        DROP TABLE IF EXISTS "supplier_payment_allocations";
        DROP TABLE IF EXISTS "supplier_payments";
        DROP TABLE IF EXISTS "vendor_bills";"""


MODELS_STATE = (
    "eJztXemT2kiW/1cUfFlPRI3DLp/DzE4ERclu3BTQQPlY06ERkOVSW0i0jrJrd+Z/30zdR0"
    "oodYCUvC8gJL0Efi8z9e73f72dvkWq+XSw2ei2ZvX6wv/1NHmH8EHy0oXQk/f78AI5Yclr"
    "1blXdm9yTspr0zLkDRnsTlZNhE9tkbkxlL2l6Bo+q9mqSk7qG3yjon0LT9ma8qeNJEv/hq"
    "x7ZOALX3/HpxVti34i0/+4/y7dKUjdxn6tsiXf7ZyXrMe9c26kWe+cG8m3raWNrto7Lbx5"
    "/2jd61pwt+L+yW9IQ4ZsITK8Zdjk55Nf5/1T/x+5vzS8xf2JEZotupNt1Yr83bUUnutJ0m"
    "S6lBbiUpJ6DABtdI2AqxCoyb//Rn7CXy+fv3zz8u2L1y/f4lucnxmcefMf96tDYFxCB57J"
    "svcf57psye4dDsYhqM57CtbhvWzQcfXvTyCLf3ISWR/HPGj9EyfCdif/lFSkfbPuCaCvXu"
    "Ug+XEwH/4ymD/Bd/2FfKWO57+7MCbepUv3GoE7hFdV7tDmkdxJxVjU7J2D8wj/MFnboBTe"
    "sQGaAj1cxAHCs/l0MROHyx4b9gFdX/CPVtrwdrGc3ojzvuAfrbR307lzxn3vleDX89cF2P"
    "X8dSa3yKU4szAgNv6+R5b1EKUpxR5vwjNx52hr4vnlsyIgXz7LRplci8P8A61NxWLadSIk"
    "/IH86lkRkPFdmSA71+Igo52sqCwQBwQNAczZxr7HGDFN4YCAvwn8+mUBfF+/zISXXIqjay"
    "nIYAHXv5+7ufvisgC0Ly4zoSWX4tDqPzQ2bAMC7sBt5Om2VlQV/wRJ3m4NZJpppD8sphM6"
    "0hTSBOZbZWMJ/xZUxUwpMu3fNHKwJpiQkXem+acahfjJzeBzEv3heHrlYKOb1jfDGcUZ4C"
    "rBCfNe2e9LsoJGC7woz4uNbRhI2zCJ1lGa42k+x9vai+zs2Rt7SiCRH3dIsyQLGTtT2sqP"
    "lPmeaS2hEx+2ntQF+otnTUFei/kkMo8NtFUsSVV2ipXG9xptlJ2sZkznBGlyO3Fpn3pjcL"
    "WlXIvD0c1g/OT52wtXVME7C1HnIjP9ZepBKhube+UBbSWZhjSGxVJ2iA51gjSJtEf71D/g"
    "Cuvl6EZcLAc3s9gefj1YiuTKpXP2MXH2SdJKEgwifBotfxHIR+F/phMxudUH9y3/p0d+k2"
    "xbuqTpP8hjM4KJf9o/lVxSBPcSbI5T1sDl1j0w8B/cTjX10ZuBHWG7t1hyuW7vtyW5HqcE"
    "rreF65TF7v36iJBiKBskEZFZYvLmpOhKiSYt28Trlk1MVZb2uqpsHtnATdEBuC64xBN595"
    "3qNgsxSwP9TjeQ8k37FT2mXDsJZD3/60KVZ8FY3YL5P/5k8s+GP9GQfwRO3PQcwyjg/45c"
    "IRD/CmFyOx73MjaLGjCekcHGXdbVD2Kc2iQzMCbTei1vvv+Qja2UMb/xl1nyxqLokFce5b"
    "tf50iVnf+SCfrQHaWDz+AszOMaysZSHhRLQRVhGrjjFFn+ncTJ03w13aqK1NAZaaJbXZTr"
    "CmGlaA86XsYVcRq5o/AKkmeuqgjSzB2FV5D+0G1Dk1X8QNCqTqcP7lBjReuurSQfLFNWkS"
    "npxhYZFbFakJGmZCBeJ5Zp7/eqggypnmW48IbjfDk+IG2rGxLx8VUE7KMz0hUeiFes8NUH"
    "ZBAjj4rkbUW4xngITnctfb/XDQv/5Ooy6DQYilsxdG8bm3vZRLVs8zNvMK53+j/t6iL7bz"
    "bH0voGz4CqKg0egid4iHVBv9QjVoWYvSF+KaUj/pCtzX02oFMNLXX8UlRT/OQPx8nmT6Dc"
    "Xe4S4O5kTf7m/EoyHCFO2F8oOR8R00x2zkfUCgQ5H52yXV8I2Tkfd4phWhJr5kecisOAnE"
    "bCAVW5BNQxIkC6GNIQ8Q4R78cCuImIdysrSSwr5N2qkBTWanQb2R4gzCgb/W4GnECY0Tly"
    "vUiYkZerzhYGEyc6XuxzyxWJnCAYOawbUDE6I1KBoGMQFw3OiM+uWGTGHE/3+Wi4LByZAb"
    "bxVpnmuoIOk2WO0dIUhLBQy4uE4S159UWiwTRgberUQ+Iix9r0Hf8tumJzuPqFT9tmG0hv"
    "OBiP+wJ5XWnizWCEPzhvK+1GxKLQ5H1f8A5W2nKw+LUvkNeVhscU+wJ57RVjVExJeltARX"
    "qbqSC9TapHpr3+A20oz/JsDTRC0mb+tMmGsta3lIDhJfqZscf49/Og4+fpF+LnZUy1SKWc"
    "BurFeDp579+ezEONY73FDwF2tS+kOkrW2DE3+u4qeGm9fqPv9kR+LmXPSdBCemCrOQ12O8"
    "4sOGC3O0eug93udJmBxBbCBmqEArIB04CGgZeMuZZpQoAX7MzHtjNnTOUaAGYLI27ZNC6K"
    "cXoRx3AeDhbDwbXYS23BNeDLl0k6CWzkqUNHNNtB0qhxe68s9e9I69GM2/61i1zj9l6RLH"
    "IbGLf5Mm63rXw2b1E7hl6+dLZP22ase4Prm9GkLzhvK20xGIuLvuC84U/i/ONoKOLP7sFK"
    "ezeaDCbkjHew0qYzcT5YjqYTTBYer7S5OLieTsZf+oJ/tNLwdBbfu3f0hciHMu6H+qtvO/"
    "ujdC+blPj/nDC4GFU9rD7tjtVwoOHeQHfKTxaIQ4o2r6TSu1ahTStnz4JAQ95NV0UMlujn"
    "XsGjleB6nBKcEe2xT6a57CRm2Gap1Z2kBU63mdMGesCSRRk+xymBy23mMl6OBpsBN0IBlt"
    "uDlluCVg1Wr1uzUI59y7AtavWKTCnmuOAmzV6RYlu0BOJYKa6cHOJE8S8wfnVqcV/kGb/s"
    "3Zqtl0hIwZ2mXn+nFsU08WwnggJdBMmYvDGqPPGjHgWyJRFsRJxIh7RauiVTcoJz6/RHyS"
    "rX6G+bBp6HYJki/RZeAmVAjtEByodQLoMwoFsQXdmpP4cVth09yiAX5jQx4H0Ab1urhDiN"
    "/DSYN9W0pm7AwSKdLcPxa5GGYMpmYv+8Cs1suMaJAFcKrn69YqRZBmNUJY0UrHMHrXNKWC"
    "W8ooGOv3rjFwkjXXwBF4irhKDVBoNWYwu+Boi9AueiP1y3tomiMNO2yQqVKGooLB8akQvW"
    "lu/KDG+02EICtVzjvI9rIQN92CsArPSdeshf5Fjp/7RlzaJG9+eq2VGyMzVpvCysYWvIKm"
    "fMiBOeKc5s5uZSOMcJAefDFqPgmcCWN5giBF03x4ZAnrflDAkRSkD4sKobmZc1qAtctiFL"
    "agvppVxAMYtOz/rsCpwpB0mkKWu6VYFAvnWHomhEDD/ZGka0px0oFp3aUvMUCwj/aTT8B+"
    "+Nlk2xrxRLfgupm0raSWHdm00XS/G6x4a3R9UX3PeVNhvMl6PBePxFmg1G5HzsM7nuniXH"
    "H6fkmLz2SvCs/hw2CNmqFrK1LYHeFrBzRVzbMJBGa0ievSFHaThM7ntRZE/O3pIpNTIhoB"
    "ACCnlAGQIKmwwodAyN0l6mqR350YRxSghrKwCza6dAJaGOUgPcBeDG4lY5pD1C2D0O294h"
    "WvPsojWh4ClvXPcxgoKnEEvKIcSmrCLTbaXOBnCaEKYw1ECt05/GHE4amZI1ALwgo039wT"
    "jFOL2KIWy3G2G7yYIMdUTvcjTR4/Weqoc48xnCEJdiVVXfODBUxGomP+7wLB8E4/GE2BEi"
    "NLLCwRNz8GCkBsSBcxiugVVXxV9TBaGNkhxPSG/KIFq3BhT9GSlMs32uCTIeWrsdoXMeZD"
    "FkPmpqy2IgHQ2kvUFNCT1QkiFKCDgfwHmrmK6CukfGBjHnMtDIz8519YYBbxIbYNCjig6F"
    "FPhkgC9kP53cMwjZT8fB2RcayoYWUOnPbgdhTqAsiXaS9ByBZttDSgKdJAWg84CGMkHNaN"
    "17Q9/aG0aXeZwIcD3gz2VPS82gBqShClOdrjDmKkzJeVmre5czn04S7Iw1XQB1b7utAexZ"
    "OBKnKMcfTfX4dSUozXQiR5znwexRnHD+pYs8B9zevQl8b3z53iBVutFUaeaUUUgX7ZWrdg"
    "5GxKL6v4HuEMmtZWoPHCPizzPcSItgyHtuOu8ZCvZDClhrJno3k4GgYP95JwPxiDFkq5xl"
    "8fOu4lxzGgUEvbfE1hYBLtvqFkf3oP1NSnAXTHGdejJd5JjiwO4BcQ/dmccRn5q3M7HFPc"
    "SIANfDkus+9NJUdV2GI3UM4sKuy9jsKl4dGkId6gp1yBZUGxW8PKc8TdwK/fU5QpZ7E0hW"
    "fElW5nebxQbv3c6de/P1ywLW99cvM83v5FIiOFreMXmR/Ps59Gw0klv4Hf81Or6H62z7tM"
    "fDurdYToe/stfZ9sj6gnew0hbi/ONoKOIz7kGvBEPqr6GNnw4b20B0KawYUxJDHJE3V7df"
    "WPmCSfoCfllpN4NfMTPIaxlOvC3AiLeZfHibcvrpO5Y9x7v9iFCLA0akyzqta5/hqmKWy7"
    "ONE4IPNc8OQbaGLRF1N7rJau5J0Z4j1JBf2yTALPm1KpLxMMqO9Dl4pHgbMjWXNCFU8Ujn"
    "vdwh61EyLX3znXWbSJCe3SRm2iV2iuYlE5Ss5UEfAEDPA93Fa4d/o7JXWTfoNDGAnVsh3d"
    "jcKw+l4rYSpDUEbrUsELQjcVo+JrmBWhCel/105jc8Dyq088Z1ymIPglZSzpRD8UCp0onl"
    "I4LOoGSoIzNLKnrwfEPlwVqQkcZkIL6x2ukPVeeVA9UNHodXpNb6TrJN+VtVoK70Hc+Lb6"
    "/KmoafR458XzV60R2Lt3LnMbx+6Mb3WsD6hAfiGqlkyYCqGxavpRbioN0reyeOpg7EvLF4"
    "xmutqGodWH1E2lY3rvBoPKOl7/e6YZEKrY91gDYNh+MZNcfJJjn+NsVCu6oPScMR501rhM"
    "fiFjLb2NzLJqpv+595I3L/BPjTrqloy2/2uddrSTwm9DtphyEwFDlPz5xqaKnjlwKaAR50"
    "encTHbKTdlg6ygwxoG55oE+ytSExEqk40Ojli7xYUK9q0Q9yZ8GWEz3MKcHQfwh7ZAhe9p"
    "zwQ7HuBVlwhxNUZYdfdW2DBMUyBfRzr5u2gYQfsincKYaJ79D172gryNbfBevejSCKYNfA"
    "V6w0Mp5i4tMbcvrHvaIiMty9rH3DX4b+SoxoJrk1GOxCMHXB+qF7N5mChh7wD1rr5IdoGv"
    "5VGzwuoTAx/PiX6aaJ/4DwZGU/eya/+dtfnvaCqQdxsm2Jk9UfnMcjnj6UHUnXVSRrGf64"
    "GGEC6DWmbGrXD84c1zF0NZ2OY2biq9Eybgie3N5cifMnzxMuurSXH/3cILQtZb1PkIJrrj"
    "3WenDSnK+TppWVMzr/3GJwfaXF8gL1H3xJu/nqDydlRQ21H4aDxXBwLSZyvCrlbUVsN+9s"
    "9Q6rMlm1KjPuzJXko4amu5CooEz/yVAsC2mCojkSML5bMzEBvirodwIRex8F31B6IXjO1g"
    "vBS0HE0vDWF8xJAVRCQxPrG/mWleZYPFxhHY+6RbLqSequSC/jm7HgLeDZjoksLMs7KoND"
    "9V8myOgtlNHx7FbIbJAIz2yK6aBYIgplmCNmSDhA/zKazdiThSKkfSHyYaXNBvPlaDDuC9"
    "7BSgvui37XyZMs/HiMagxMj3Jk/o0mH6ejYTkG+rQuB/1PNBaGd8a+7+RM9DPMqzExPcoR"
    "mXg7mQ1GzOxzqfqC+05jmXs9GPvkrCKPzX3ZEpFp4nOMNGYuslISbQo1wJ0H915WSkKdoA"
    "SYc2E29J1i4nnJWs87RVixsHd3DHSUwt5gAst+BvJrAotq30waYZoQTGG5zbFK98UCdOs3"
    "NEZmb2Vj4zQ+VqdYUtTgmF7tdKNjxuSvjHEY0cktxOkl37RdN5ICQbHlxhMksu23yZSMIn"
    "EYwj0xiT75b2FlP3shvxCcJIW/OHZS/GhDxgPaCn6yLrGW6hoSvOpfxAZLPuK/j+5120R/"
    "Fzz5I2W1beh7VpqORQHBxrPJEGQn3IPEZghP/rXVd5jBT7GehDRLNx6fkq/AGpP5r8yIiq"
    "/RpmfBd/V+ByvuKSMtNIlMHEadLUJ1jvpa8Xxnf+kx4hslA4DzAAZVLnvr4FeVgw7HzShx"
    "wVOZDdkkGWBboIoyNICttwEsdR7XAO+n6FicApxcwK2qpRzmZGepbn7C9iHNLUgQLxZAb+"
    "J5grUmL/zc0Zn+6mhZzmh/9wJYPDlC0A3BxQxrYRjzbzb+4ybWve4wrIJiuWpRKoK+ge+A"
    "QJl2qVgla3mdvoLXifw15fQs2XSTktLRD1kqlk8BNaCL1YA2ddtg69UaUjSFMU8tmlvbDp"
    "enQvHdKkx2VOS7aS4oUpcMzAVgLugCtmAuAHNBFwCubC5oRWWfdoawHbdBaDhbKbaV2FTO"
    "tq0EswG6VfFluNhgXrPoIv793PWrql/Xg35VzdoquqXmgVu4vJ7HECUJtXWhtu4xqlTWJM"
    "byBFOTMuwHfT23tR5FgPWu5Eqvf+hrybCP0MP+ay9MrrxHsmGt8YOGPGZ+B6n2mFJtm1tZ"
    "1oBzbzAcTm8nS+nd6P0t1sX7QuKEn8o8mrz3c5nx4Uq7mc/6An5ZaYvxQBIXw8F4sBxNJ3"
    "0h/nml/XY7XYqS+Hk2mn/pC9FPSRf3aYTraqnQJ0mB/u1WvGXPYHepCAvI+0qb304mDlu9"
    "A8zK2+FQFK+d0gP+4Up7NxiNySn3faUNB5OhOHZOBYdlWNlIp1MiH1KY+U7V5WzLfUCU4O"
    "EdoWqKi8+eniJqdnp7NRaF2VwcjhZ4ecaFcudi3Ik+FwfjVPKuIdMK+H5YTCcZEAcUSQ1J"
    "2VjCvwVSFrixxfKPO1tzK9KsbUW1FM18Sr72n4zLpw70CUIx5cifzE9uBp+T83w4nl4ltR"
    "4ywFU6aJz8fgZ2hBSV2NFOi+jRcEeGoVPyt5boZ8ZGExA05HhvC9pL8fMyH+1gxxlPJ+/9"
    "25MsSM5y/LdNYmpZU0Kj8iIe4nQ8YJ94jF4+K/IcvXyW/SC9THfe21i6gfWT70hjLQKYJC"
    "zlr20b4jW7wl2UbJM1+zlFB+BSwLUstNvT7CrZuEZIoKNvElCy3ZQANUl2PGBfdARYZ5tk"
    "eZoFBEdUNpuSk5vW6/FftJFkoj8ZpmyMBjaCVNFvzQGoVNHvOCkU/W5PvmQ6AlLTLWmN7n"
    "Qjo2hUNpvjlMDlNnM55lZg5HOSFjjdZk6TfosZqka2rBEjArW5kNq8IT4CVQqMDmm8c/uR"
    "0MihKwlDV5I7Vfl2T9nMsmd5SFHLFG9RGNrLtwXm98u3mdObXIIwqfMMk0r4R41yXI9Tgo"
    "jQZhHhTtEU874UmxOkwOe28Zkh6JEp8ipiITT2JCyKIu4wN4S8MfZeFFYnJ0nlPpCfHLH7"
    "F1+/6tEyLRK3XOTmW7hifKCwlWgJSVpuCO44pAjgBpnm34V/WTIGeuef/+tfN/do8/1fXo"
    "cWxaIXsKg+ZM1pH9mSYQXFp2Uhck3pPXlFLIgdlTVtIU7V4qi500PfSvGsbUJ515/bLTbW"
    "Aau7IaIxB8fbhiaromYZjzTJI3Y9V+z4w71TQvhWBXI9j/3caTgqXrN3a1rx8pyUxICCO4"
    "mqftc1a7uWmrq0tEx4ygtjTndp2aGdzjIh/fshR7Z6Pa8CaRJdqO3V83r1BU373FaMN+Jk"
    "6fZiJEekUdwX95R3gO9aToe/SoPrD7eLpXd34gymmkpzcSiOZoQwOF5pw7l4PVqSn4W/N/"
    "JhpX2azn+VpvNrcd4XwuOVdjOY3JLOde57Us0uNEGK6CE5akhaC4FqZFCNDPwvjfhfDFLT"
    "1UQmW6RwggrihA/WzPIRS4PMXNUpqSZ1C+eidZ0SU6xCWSe3BbhEWoBXzIYfOiNN9A53Jc"
    "yvGuC1Gq0I08gdhVOMvPbEFTGauaN08GFYCCR39cpVK5rwudXFkKqh1pyHUsFSc52cT6a9"
    "36sKMqR6Vt/CG47zVfiAtK1uSGtFrboQPzojXeGBOFqGR7B1O2sy29TtL9nDlu5gmwA7d6"
    "dUgoscO/cWrRXWDuUBzTm2Yivem9yV+RmxDYkA3Dxw5c1GtzXGEuZxooYsBt3bHaLpb1jI"
    "ZcM0SgKFyymYqmj7DQuNpSYslRZQPmzqQr62dlw7V9tQLmroii7iAvXh49OyBpjHzoCDcD"
    "xOcaau5wKA14d0cYzb9aQrinAhaE8TehSf5BSFLLUKslWy+EQCpayLYhcUmj/oYS6S4Jed"
    "35dK74Mq881GajsAUfE9HD/j07YZ695gga/0BedtpY1Hg6vReLT80heCw5Um/nbrnHLfV9"
    "pc/ChObsW+4B3gOz7PxMkCn/EOemX4V0tpUYag3JDLKXMgeA2OaNQl9u/p3Q1GyVCIb4si"
    "RyRvyZUkHMO8pN9Ju9j9IEzwIkzs72XN0neUhZpXqCFCBfUZGOozQARb9kTnN4LN60degu"
    "txSuB6W7hOyWNKR+G0pY1q559fpeTQGuTPK33Hv+xZoGmqX7ygoBGxQsvUk07VokbEnIap"
    "w8FiOLgWEzbEahK9Nwlpknw4P3MkeH3XVGjGVzJ4zwFyt9c1Eqb0OwjzpxTmdVPxt7SiD5"
    "wICRR8Tcrrf9pYz1GsR2lPy/bMDdVIkp4mYKP57fJAzMbLwjEb+EfIe4LWBtF8Wblgp2jP"
    "LjzmDQPS5JHAtP+GBBBdQNPq/ccfG6pJMsD2cOTGmmaqYnZzU0ygHYO5qKwarly6nEqdxj"
    "UgXEEH6AiyydXbqmACr4gcRWcIy8tlqwxeNTsw9fOlHXSw0aPXmbHHhngv3dlxOL2ZjcWl"
    "07PRP0x2djydozUWzEXcbXQ7cUbYsk/QfPWT1ugX6fIn97qh/C/Zg+VHlh49STKQwSjyLV"
    "Yodqa0V2VNo5V0z96Yk3RgYEiF1P/cIOdHMPUTjVO1o6co+T5ueoqCnzZ7BXTTY1fETws1"
    "wPktMBnl8x/6mug3bNaaOFEt2WGd1zZKOWY9eUDSjS0yqtaocMeakqE6uJeWctN6E7Gym/"
    "aDvi5XaL4TTtr4co0ZZ/BPECa343GdXtrYRKSYXZITNdv4kl4ejZpgvva8uWRgfGQTSY62"
    "+DtYZo5pmTlR9cC2bYeJ/k1FUhBeZmcgpP1e3/H/Kmv+8mnbXL5zdkv+Okkd8I/cYpnvBs"
    "Pl7Vx0K2Z6H9ph7PKd5CV96+BXL+Dt3drepp7GOLugcoTmrM2KsaciA4BJurMGUaWCl5tg"
    "oNJxqy+7ILXfdj+5YI++fSO/IoV0tiExQgJWxNqtiHeKsStpTYoQHsWW1JK69p0zJXmcwn"
    "/a3lEjJ3I6r6ZJ+esyXH9viNakVZx2EdXtiGK2h1a0hbZNomm6uDbNYMccVVW4N2Tb0C1q"
    "tcuw2FHD1TLTVU4brNZGYyhzxsrRAtVIK89Mo2l48eJQh89jmUvBLnpMuyi02WpUlALrW+"
    "aWWpv1LUgDIvHCZNOl7BPF8ohiA5xdfgtbKhHp7Mpss4tTnbXFrv0245YYLCjYtT3MOoVc"
    "by6OxcHCC4BmCbP26EjxKvcoK9B6OJgMxbETax0ctsMDBZF+2dDzG+kHFVl44zrFWpuqyB"
    "JIUGVWe4IWIjzbw+j0+m6xkZgnq2ZLTXCtNG3m2OBOnS06cYwmC4TxJEyiWOISd1zkmeNc"
    "E4xkejc3UnfGRIbijvyIZAOqzpw2rzRgRlErXUjBYdxi/TqKM8eLz1v/dsi2SzVbkU1Lep"
    "BVm2LYyO6yEiMCUBkTP5p8cC1kFZmZ7qPI1dwHlknuAwcSj48mcCA16kDqnqnzej54t2S1"
    "czpEfcF5IxbOybvR/Ma1cHqHK202mC9Hg/H4i7T4ZTSbkaupUystuBacGY6njgXVfa/PUl"
    "qogUNO/4Z0+wav87a011VlQ/EZFmN6epQjlhOZTqRrcTz6KM6/sM6BCGlfiHxYafjDdH4t"
    "zp3TzlE7LNsGUcBMYrFiD15PUlb053TH0kXx52xsg6RZZcz4DGthhIZDFedFkQdJ9nMk9R"
    "ix15ZuuW5rBs94lOwc/eHF26FamHllEI7RAcS5EJeBF6AtlMCGVOUBGY9SNXGTMswRRQ8H"
    "WFfoYxU9IqR9IfIhEDoDUTMtYLZDFPGFvmoMTI9yZP6NJh+no2E5Bvq0Lgf9TzQWhnfGvu"
    "/kTNzLjyRPpSIT06MckYm3k9lgxMw+l6ovuO80lrnXg7FPzipNt2gG+SX6mWFPCgh4yEDK"
    "c2SLn5cxH3YqzS/wY4+nk/f+7cncv6SCYFr6DhlSqTIOdGoe+HCElpL4G0snWSZpIaKjzR"
    "EdG/I0UdVynE7QAqdbzWmIyOQsNg8iMs+R60UiMr0O9WxxenEiiNM7HKfnIZbGmDlObxCO"
    "1DGIi8bpxWcXc5xeyuhRscLlyB2FI8DjETnVuzSGYR68NWuM+UjulT0xnFQFyxuGJ5iYIo"
    "wipVts9U5RVXrZFh9Tv6bqYWSn+71uWBgs6/FdfOROqhL5s1EP/2zN2HEK2J+2Tq2BxgzV"
    "b/5AnIBUOuIvqylq+nFQKPKvqR6pEP4H/VC7Hesbd8WGPyOFabaNO0HGn3H78tWrIuF2r1"
    "5lx9uRa1Ce49iVIojMIe0NheazyUU5Tgg4H8B5q5iuWl2uvy+N/OyCZlha/JLILYMe9nko"
    "4MsnA3xz8NWQJck7ulEtF+E44dlhzBy2WArkOCGAXKhAlYFMZDyUr08VpT9HyEvUBCNGvX"
    "15xCPkAHghwD2bfGnEo/QAeR7krlGFyaoRJQGvHq3AP1Q1OYa3VPdThiv6SuP5xx3DuKi7"
    "NLpoO1uzuZXIViwYk46+r8HX6nmjz8HRWgdcvreVN7warenge6hpvp2I9zrHqxN1lR/05v"
    "Te6/rWFFQkP2AsBFnAfwHd67aJhDvdEHQNCc4e93dBsfBtZFIIG9kwHgXrHgmmpW++Czv9"
    "AZ99srKfPZPfvHp6+ZenvQTAzX0L+Jza5XOCkhPNlpxwdV6J5oDKKe0cozrr0s4b3bRKJQ"
    "PHCc9R+y1uVIMY9uwNopvRzEVi2MHmUb/NI5CT2HBNkgG2YPdgeRKUt3uEujl1GteA76fo"
    "WJzCm1y/FcwfoMefVI/PjNNMYHpYn4cQTQ7VZQhyy1yv9Qa5EfWNEeQY3TkqfKzuTrJBlZ"
    "H/I3QgqILj82i4Bk9WJmATVIAsDVlisZeIxZ4R2yRdKXTbFivfrN5qRrxCVVVX/tIjLxKa"
    "VWL1FtBdw2dUrcYBzpSpJM6pJ3sBpCE8oubwCPqWXMc0JoPdeGN1azcuvFEkH0Wt6lkkPm"
    "TECLgXLvIMCuihcHRAFUPCV1Kh+A+E56gzeS6E4DPG83cmM8OV8u1cLA1/u7x88eLN5bMX"
    "r9++evnmzau3zwJxIX0pT264Gr0nosNF1Bl02B5h0+C/vR1dZ6jIVPRtfPopIWrGfd/7x5"
    "2tbQi+gvNN5OXlP3vN7hc0iF33vetxi/rSnL+eyOXwlkDRoAj//qO1hjhaTMTrlwViIl6/"
    "zIyJIJdSlVlVXabM2w+L6SRDOQ5JkoYdZWMJ/xZUxeyw9ECDloARcySnan8my3wmZjUZIF"
    "n7U984pf7LePoTpMdx9bekbXabPPs+SLmu/a1i7mVrc1+K0ynioxSgBFaXY3VSaCv6xErS"
    "8VfloIFovlAgZpJ543Qc2ciOIv1GCwNauoF1mO9IY63BmCRsiAnd83Um0bVN1qCwFB1gy9"
    "p1MhJ5g9b3uv5d8tp/UDvVssSCfHLHu/a6iXRXRj5yOIi936sKMmZu/4ceLSIkcctFblCI"
    "d7PkNZSAuJDureeLHDsMpFE0KnixtgSsqRFgdzRUSuZEqVIkpy5DcvIwpeJJE6Xap0DXlB"
    "JdU6CjZWqHLbLBFu9oCfk/2bjzm//zh24bmqxKWBw1HtlUPhopBFbRAqt8uZ8trCpOBcgW"
    "iKryIEujDE0j0rES8flVIBoltuBrwPiDO57oD8cp0LR9skJukKyq+sYx+FTNEIrbLgbBuB"
    "zx4pj2oQiAhy1FcbSL24ykBPvBfNSph9dFjvkIdPVmdfW1oqpsIliEAsQvWo6Ltyex5bjE"
    "iADXw2LtPnQuVA0BTrsrOgZ14VDr2CwrINyStV4Dwh+RttWNK28wTsGN7IutCrCOgE+RwO"
    "KsyRa5Hpz7JPInGxCxvsa01EC8C23Cv4MQBj48Xn14lPnOADWdmkPTfiMuFPzosmyKzYDg"
    "LeJZnHrCJbI8feqjhbf3rueDd8seG+IuUV9w3lbabLpYitd9wX3Hnwfz5WgwHn+RZoMROR"
    "/7TK67Z8nxxyk5Jq+9Mjx8XYSFSdN/hIOvqQoMqxc8RnTOrvAtfhAzhxBEaM4ZO/C+Nu19"
    "Ne11mQKXUTIwAB0wAJEWO2VAjtEByodQLoMwoFsQXdfeK+1lmvZXwFIcUJ5jbSRmmPHzvx"
    "zKHiFM5wM470iOmVRNM0mO0WZho3czWA5/IQqJd7DSxM9DcbYcTSd9IThsh77hAot+btA+"
    "w92cnaxLoz1+1m4k63xtK6qlaOZT8n2nSDxvJJc3BFiS93tDp/bCu9J1FckanVEZIyR4tc"
    "ZDNMWk4Mxx+XE1nY5j/LgaJXLPJrc3VyJeM4ndjOIHw1wqFTkZIzxKhm1bnhZtipP0MckN"
    "lITw2OznEL/hsfZ+W5LrcUrgelu4TlnsqX5abQiKbtlWDjHRbUYWYqLPNCa6ZbsEhES3nx"
    "ex6VtDo4kwrIaz6qiNxo4nUMsNVzrcbiISsgQdJziMSsLyreKvwqJhthGS48lJTdn36xY/"
    "oYVH5j54wLZ/Fi08OoQycU4b9LCWQz5tn+zsXIFvGPDVkCWVysyJE57pPGYLziiFc5wQcD"
    "6AM2RBQaefjuBqG5t72URS2UZV2QMA3ocNh5AQVT0hajhYDAfXYu/QvK4B55k36jn0qcle"
    "2NCwpl6gizSsOU2u3xjJccNT9PxFnrFMxXeAgYwvA9lG3+1l7VFyPqfgzUlSSNC1OXawZK"
    "LC5atXBQID8V2ZkYHOtURCiK5ZeOWUwDtOB3gXwxvtZIUijWUDHRA0VF/ydEmpjeC7xxgx"
    "TeSAgL/6nfU3+zF1LLCxZfoGFPzhC8m9DrQT8VOPDW9C0hfwy0r77XYwHr0bkUD64HClXY"
    "8WkQvRTyttOJ18FOdOLnBw2CvDvdrD7PHXPSCjZGxpghZiiNsTVggxxPxHk0IM8TlyvUgM"
    "cWRndsMm2WzXWeQQS5x2FIRY+eplSajj5AB1HtT6fq8bFonVYIyQzxsCID/olkltDDUYso"
    "sHdrcM66J27KzdNGbRxj9GmNyOx738zaUGvIfhSLzjHd9SmfCObA81YD6Nj8Y77um9NQP7"
    "03hvotygOHESzMr25YR/U4Gg5x5fPh1W3wL4FNhs3njH/JYBcCGL4bfjNrvvzebTxUwcLk"
    "eT96yGwwhpX4h8CAyJw4FbgSP2caXhW2fTxWDsEDlHK20ivp8uR979kQ8rbTieLsRr6RO5"
    "EB4H5/HrMrhAPrTD/Lg39LW8VlTqY3axk1U1L4gtSnq8qKrnDecZvLh88zrYzsiHvJ1scT"
    "MYjykZrp2zyE9n4oR1ZRGavkBeV5oz8Z0Z7071snP8bYEp/jZzhr+l13Ki2N7a3FehK4Wy"
    "oDJk05Uh0c892jiqlKqb7CVMM8grVjNtV4BA3qROFzPVf2hsFb4DAu5iKRpxReN5ZkkGkk"
    "1avmI2ygky/vz+r54VARvflQm2cy2x/5JVXcqjGCUEt3F7PEngNubfgQhu43PkehG3cSln"
    "cQ0u4taxuO56U7KKTC9fhK3kVIqwFidl5y23OS7KUzgm2zZ/i3pscvyRjDWQNpbyELhB4r"
    "izlPMZuONw5CTLcC8GaUDlsfJzjTjEqYbCUBEnHmf5iIlSMrpVFarfyBg8AZT2HVMfxWnU"
    "phpa6vil4ANiQcaa+kN16Rlc9AGRlj+KOPKzsL+z1TtFVentRP0Z6/OAaYm/i4/MyZZYPq"
    "whq6wbZVcsEt7wCHXdOiooXwhQ161hgCNN3iI/I4Vptu05Qcaf7bmRABIoopf5JDngX2Us"
    "orc3FFr65OEqegEh4HwA561iuor4HhkbqnSUizaN/OwCB86mrF5XgjNK52jUlJnRtk0DKr"
    "+1F9cce/IpEwHaBnVRs8GB+H96YTKojMVDZawZEfrGpKsexfwQXrzIMzw4gqNEWuWByYEv"
    "k0Pbsio4KyQE8bBNx8N6v1a605mCOBNktZh4TrtRNAnyg6wq+JFl6DuKepYZaxynajzEuD"
    "UGh3SMsYuEpbOj59KcM3YQ7pi95rsZ+AbhjufI9axwx5SmXyy8ybGvVg5u4qzQRWwJKRba"
    "VQQoUA9HeKwOLhWGgJQGFG4HtDyl20e1iOItBeysV/v+GvkOZyKEtpqdokmBd+53UNNPqK"
    "bHWJF+IOZ5SJKk4PvriI+1nc8crl2s3YOcxckafZiwuagSdOClAu9fo7jmeP/i0kplx1TE"
    "/dExnIu7phKrFzx/5+L5i/aA6tEUkdgNF7mKSKzHEngB+VIvNHu3ZiuCEVLU46Jqk+/kso"
    "jz5DLbe3LZ/W4MVWs/zcWhOPpIuiv4RyttOJgMxfHYabngH/ZK8KeBlgvgpW3YgajRk+KW"
    "6GfGzh0Q8BB8n2ehFz8vY8Z5H8QnN4PPf4kZ6MfTyXv/9gjow/H0ClxmnDtPwGV2jlzPcp"
    "lFuW6gDVIeSrE9QQpVn9rD5vTqNu39XlWYy5XEqcDAdNjA5ENWg/WD/3oliflVoWBJDRUm"
    "eO553azHOgXcIWPR4Vx1SlNusBrxZTWCdPWaXUiQQc0kw5VyO/tgSb70WxLsGP055p0yBl"
    "RsdJrH7nA8hU8HE/sAykFl79IlwWsqBt6yLB+2aPMSJSErF4Ns28yEyIj24pqXF00vocbu"
    "s096hTsGc+Gc6KwiahATcdqYiBD0taKqUg2WgY9I2+rGFR4NzALFzQJuGUqKKSCoT5mt/o"
    "dlMOsOV0+Uf3hAhknGScanf434zd1UOhvL7ap7H9gIILKEi8gSf/YXn7gRChCqaJXhWx6r"
    "kwa3dz0fvFv22PB1ifqC87bSFuIEfyCvK20wHIqzJQnT8Y9IPM8Hcbh043nco5Umfp6N5u"
    "SUd4BHuZ2J84V4TU6Gx70SK+V5kZXyPHulPE+vlMgzIMXcQ1nYAVnzqnFrbBBp3dhA+Eeb"
    "ZUwMacqzBhLizZqON9vYpqXvsHpnoDtEcGMqckOn5iES7Qj93kx7bemWTNtl84y9UbJzNK"
    "cXL+NoYRaWQThGBxDnQlwGXoC2CLQG+gNtyjSETBHytx830hLSRJpVIjgwQgaBgW0ODJQ3"
    "G7QvF/ebIAU+t5nP7v5XMtA3Rgp8bjOf0c+9YpRic5wSuNxmLpv2Hhkm2pZidIoYeN1mXk"
    "M6Vrb8283EHEjHOkeuUxY7NGw+klsOepdAQ+xOgZsXqAcNTOpuYBKGlVE24xpA5j+Tr7bO"
    "4zWE6znxZfxH6kEP5NP1QC4TCpmVGRmbrgdCIiERsqPP8wsBEiGPJo1C394j9iiCrNPMR1"
    "G9KZAtqCnNO85tLCrdqp26AOAsJaVJTJFBDwY9FIrkkwG+0Bf59AF1pUCOEwLIh4vPm7pt"
    "ZMXiHs6uSI7R5jjo3mA4nN5OltJsPhqK0ni0WDoJFYlzK+1afDe4HcfvS59baeTVPdEXwu"
    "OVdjOY3A7GfcF9X2nT2Ww6X95ORssvmHIikpKs8TO9MpJnkci0nEDhdJwwZIU3VUSGmBmY"
    "UI2SAKaHDfh/+vmvFa3KQR5tx+AtaqiLzivIsK8T2RZ3HbiyTWLiNIcyfnhsZWrjgdQ9F3"
    "mG07V3t7Txbgf7KV/209M2IW9RgngjCVkkSOh/dY0J4ShNm6Xskji/flkA5tcvM1Eml+Ig"
    "32OlhOL1/LCYTugIBwRJtVHZWMK/BbXBpkS9f9zZ2oYgKKxtRbUUzXxKvu+fvWafajSwCU"
    "Bk5Oz698lS9xfxmC0yQLL+/b2uKlv5kZEfIQ2wpHaWQAxs9tbUzWjIrBjYlN5UJGjEVGVp"
    "j1fgRqkaO7JQ5RkZiKdgqEarPA1lE/UoMrpzPlcu3+A7mhfFvyZDk/aYqc52gG+MVnlKXL"
    "hTDJOki5p7DCeStvhb/Ev4JN5eyG8LToPAD1WhTiSMNtBvzF6ThD8WfCMkHMr7jcRN5Aap"
    "ZHe24jBIJU9iaaK/1d5QdIMasVLYjxTQH7FO12Q6vxmMGSV6DMunvoBfVppL3xfc95X2y+"
    "j9L32BvK602/l7p4SX+17Gw/O2wAp5m7k+3nat5yGNP+InVuZgEswP8RNxu4XdDz8NRsvR"
    "5L00nUjD28VyeiPO+wLlJKmrtpiOvT6J7tFKwxN+4TRJdN5LOeuKmDcus80blynzRihbpR"
    "iar73FCDlU3jqirFFS11xtLcrkqMRcLjGZPgJkJ7eZ644yVLaBXIwU+NxmPif0YUs2sMot"
    "7RTNprZmzdRxD45TS/7fqdWHmoMyIhaH0sDnjgGgp0FPzFQZHyvm94qPtdRAsOt1aNfzzH"
    "3V+B8OArxvM+8jG2b5tZ85CPC+I7wvt+apAwDP28zzvWybWBkJwsXYRaycESBJMyle/ZAV"
    "C3+fhLGiprXlLq8UMSytNi8tjIDset4lFT0gSm3kxU5W1cyFRaPnZkW9uHzzOlhM5EPeOl"
    "rcDMbj9GKKALS5R5sykkrGEEdZWC1p6Ni5dQVhUdmLi6+wKCgNyDPXKYsdSgMeSQ7Fw1sy"
    "ayJhnAisp5SKgH5IJmPBxRQdgHswoRAK1dVcqI6yP9QA7jAcqVvTtyi28V0xo6oafZOoAV"
    "6W0O2OApzaHCsUWsSMUh4Uq3LE/MAdhyPUMzTrijiRgHgxGIyjHbbx9IIIahmJBnFc81MO"
    "pARH624wvfESH1xDVbKvNCQKHDNRoJSx8QQWxuYhrsPImNV0LTtYvWK3tbZheexA9RItuX"
    "g17HTXkANWW/7td0Wsto7swWZkCil4ehQ1ZQXxBa+qWro3TMfALayjh5OKXlPpNGV/QuWd"
    "IuLHNPts6T6ZBQ4lfjq1tPMEeSjx02SJHz8yMbPqcb7CRCE/3vPqbQeiMxQz+HkpaK90XU"
    "WylrE9xAgToK4xZVOoBmeOK8pfTafjmDh3NUqqSbc3VyKe4InCsRS3HgjZZylkuyX+WAXt"
    "GBUI20WE7bD0YkWBm1bNsWNgFxe+YxOtkvfGcWNW9t0Udfd20XUTFBiq5rThFB03CbB6ua"
    "ylMw5Hi7ZRf1YIGF3PDdHM13Mj3KvbgRU65INCJ+DFOml/sE7Wq2EHvKu1ahL5nZVz4k+S"
    "NtT69UFNzquUBg845+NcJnyzeugmj6jmKFInCX9rG8ZF9afs2LcTuy9uTUTtVOCczxXmbH"
    "wHeCv4EthO66049X7ZvL8C7WSFEtaVDXBAwJ0/qJHSpIaulm6y5tO2eS73Btc3o0lfcN5W"
    "2mIwFhd9wXnDn8T5R6dLmnew0t6NJoMJOeMdONUa54PlaDpZODUbvWNSj3FwPZ2Mv5B6jO"
    "7RSsPbhfjevaMvRD6UUVyevy6ymJL298haep1y/ZHobQqzc91SIdERXVL+GgOPFHikOuSR"
    "gmRd3rhOifEMzMbMnSss/Tuqmlky2CtLMgxHjoomdbVPaH2v698HloV2e6odPnHHRZ7+9s"
    "O9F69S5+ZGLPL4S/Hz1nA0e6+TQSWL/JXy7Vx0vL9dXr548eby2YvXb1+9fPPm1dtngbKX"
    "vpSn9V2N3o8miUd/+U4VmfBnNqo4X+MZZERwnxERuD6yyv7nmfOTlFAwIL1utrbhlnbasY"
    "CboIIdiYIsMgydssFn58QFBNC6hT0jTsOw+qJWCZWKQg6FA9v8YPAlX6oTMk+MTRDytHUd"
    "QaTN8VdGdZGKHktPzbqOjNgxjhT1WyZmY5s8l0kmZKvDUT4d1oe9v9xIKtbXHnrwEk1Mex"
    "0Ok1SKo+0dk1s/W8tG0JiPpTF3sPHXTJxcjybve2x88cn6gnew0ha3w6EoXpPuXcHhSns3"
    "GI3JKfe9JW4jbyFl1B3LSRVL0HFTxbc2hQJE3PMScc3NPdraqmPBMFjWUprweIvpeUcWk4"
    "pk03GhBZb8guCmCcGslAMv6y4VI4T9qc37E4QtZC+nbjqwIWzhHLmeFbYQM2YTtZrZ1hal"
    "AkMboyYcEQQjpgzGmtlpSp740FTqRWBEqmjHFP1xOgZvUetldH3TTZdZ07g+I/EiMSqnUF"
    "NWMquxOGWkqRhdlg6G4gT7YwSZxaZttmk9ObsPm9ejEwXSh/hKH7INpuQW7/Y2J1yUTW55"
    "9rJIqja5LTu9xbn4H4qY6w6WAvrDYjrJk3MDsqRqo2ws4d+CqpiNbZK9f9zZ2oZgKqxtRb"
    "UUzXxKvu+fjK6HOuwYBKaYVpMK70hGclzE1RUyQDK8I/ozU4zJDqlJkEFgDXtgjYk2BqII"
    "w9nbTkjB4c7z/LLIxoPvyklbTG07bc21Sj07O59qtVVM8ve3UlbJ+uxpTSHlYT85QtYoGI"
    "qz0e+myRAMxefI9Vrz2+JhYJWtEBzGCjZqhhhg6Df3PYrlwbtykWdskMN7wLpwtF2jYesC"
    "Xj4mVb/KlokiJBzK+o0IQ2RRMSDs3c4hus+fFSoA8yynAMyzVAEY0miS6rvJNt5ESI5vuD"
    "mNoaA2Ew3Dk7/+h9l//h+LljY3"
)
