import matplotlib

# Plain unit tests draw without a screen; kernels (nbval, papermill, Voilà) keep their inline backend.
matplotlib.use("Agg")
