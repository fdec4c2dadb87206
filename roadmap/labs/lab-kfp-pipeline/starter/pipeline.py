"""A training pipeline with a quality gate, compiled to pipeline.yaml: python pipeline.py

The components are written; keep their function names, since the compiled task names come
from them. Your work is the pipeline at the bottom.
"""
from kfp import compiler, dsl

BASE_IMAGE = "python:3.11-slim"
PACKAGES = ["scikit-learn==1.9.1", "pandas==3.1.1"]


@dsl.component(base_image=BASE_IMAGE, packages_to_install=PACKAGES)
def ingest(data: dsl.Output[dsl.Dataset]):
    from sklearn.datasets import load_breast_cancer

    load_breast_cancer(as_frame=True).frame.to_csv(data.path, index=False)


@dsl.component(base_image=BASE_IMAGE, packages_to_install=PACKAGES)
def validate(data: dsl.Input[dsl.Dataset], checked: dsl.Output[dsl.Dataset]):
    import pandas as pd

    frame = pd.read_csv(data.path)
    if frame.isna().any().any() or set(frame["target"]) != {0, 1}:
        raise ValueError("the batch breaks the contract")
    frame.to_csv(checked.path, index=False)


@dsl.component(base_image=BASE_IMAGE, packages_to_install=PACKAGES + ["joblib==1.6.0"])
def train(data: dsl.Input[dsl.Dataset], c: float, model: dsl.Output[dsl.Model]):
    import joblib
    import pandas as pd
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    frame = pd.read_csv(data.path)
    fitted = make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=1000))
    fitted.fit(frame.drop(columns="target"), frame["target"])
    joblib.dump(fitted, model.path)


@dsl.component(base_image=BASE_IMAGE, packages_to_install=PACKAGES + ["joblib==1.6.0"])
def evaluate(data: dsl.Input[dsl.Dataset], model: dsl.Input[dsl.Model]) -> float:
    import joblib
    import pandas as pd

    frame = pd.read_csv(data.path)
    return float(joblib.load(model.path).score(frame.drop(columns="target"), frame["target"]))


@dsl.component(base_image=BASE_IMAGE)
def deploy(model: dsl.Input[dsl.Model]):
    print(f"deploying {model.uri}")


@dsl.pipeline(name="gated-training", description="Train, evaluate, and deploy only a good model.")
def gated_training(c: float = 1.0, min_accuracy: float = 0.95):
    # TODO: call the components in order, passing each one's output to the next:
    #       ingest -> validate -> train -> evaluate.
    # TODO: run deploy only when evaluate's output is at least min_accuracy (dsl.If).
    ingest()


if __name__ == "__main__":
    compiler.Compiler().compile(gated_training, "pipeline.yaml")
