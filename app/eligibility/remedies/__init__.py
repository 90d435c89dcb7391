"""One module per remedy; each exposes ``assess(case) -> Determination | None``.

``None`` means the remedy has nothing to say about the conviction (it is not_eligible without
a reason worth showing).
"""
