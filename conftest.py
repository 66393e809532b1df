# At the root (not tests/) so that --doctest-modules over tests/ never imports two modules named "conftest".
import matplotlib

# Plain unit tests draw without a screen; kernels (nbval, papermill, Voilà) keep their inline backend.
matplotlib.use("Agg")
